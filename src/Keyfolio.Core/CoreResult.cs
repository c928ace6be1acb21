using System.Diagnostics.CodeAnalysis;

namespace Keyfolio.Core;

/// <summary>The outcome of a core operation: its value, or a <see cref="CoreError"/>. Expected failures (a refused
/// key, a duplicate label, a locked vault) come back this way; exceptions are left for bugs and cancellation.</summary>
public sealed class CoreResult<T>
{
    private CoreResult(T? value, CoreError? error)
    {
        Value = value;
        Error = error;
    }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    public T? Value { get; }

    public CoreError? Error { get; }

    public static CoreResult<T> Success(T value) => new(value, null);

    public static CoreResult<T> Failure(CoreError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new(default, error);
    }

    public static implicit operator CoreResult<T>(CoreError error) => Failure(error);

    public static implicit operator CoreResult<T>(T value) => Success(value);

    public override string ToString() => IsSuccess ? $"Success: {Value}" : $"Failure: {Error}";
}
