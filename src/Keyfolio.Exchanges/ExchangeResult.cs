using System.Diagnostics.CodeAnalysis;

namespace Keyfolio.Exchanges;

/// <summary>What a call to an exchange gave: the data, or a <see cref="Exchanges.Diagnosis"/> saying why not.</summary>
public sealed class ExchangeResult<T>
{
    private ExchangeResult(T? value, Diagnosis? diagnosis)
    {
        Value = value;
        Diagnosis = diagnosis;
    }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Diagnosis))]
    public bool IsSuccess => Diagnosis is null;

    public T? Value { get; }

    public Diagnosis? Diagnosis { get; }

    public static ExchangeResult<T> Success(T value) => new(value, null);

    public static ExchangeResult<T> Failure(Diagnosis diagnosis)
    {
        ArgumentNullException.ThrowIfNull(diagnosis);
        return new(default, diagnosis);
    }

    /// <summary>The same failure, for a result of another type.</summary>
    public ExchangeResult<TOther> FailureAs<TOther>() =>
        IsSuccess ? throw new InvalidOperationException("The result is a success.") : ExchangeResult<TOther>.Failure(Diagnosis);

    public override string ToString() => IsSuccess ? $"Success: {Value}" : $"Failure: {Diagnosis}";
}
