using System.Globalization;
using System.Security.Cryptography;

namespace Keyfolio.Testing;

/// <summary>
/// Searches this process's writable memory (Linux: <c>/proc/self/maps</c> and <c>/proc/self/mem</c>) for a secret in
/// the UTF-16 form a .NET <see cref="string"/> or <c>char[]</c> holds it in. The secret is kept masked, so the search
/// never plants the very text it looks for; dead objects are not scrubbed by the collector, so a string made from the
/// secret and dropped is still found.
/// </summary>
public sealed class ProcessMemory
{
    private const byte Mask = 0xA5;
    private const int ChunkSize = 1 << 20;

    private readonly byte[] _maskedUtf16;
    private readonly byte[] _prefix;

    private ProcessMemory(byte[] maskedUtf16, byte[] prefix)
    {
        _maskedUtf16 = maskedUtf16;
        _prefix = prefix;
    }

    public static bool IsReadable => OperatingSystem.IsLinux() && File.Exists("/proc/self/mem");

    /// <summary>A random secret of lower-case hex digits filling <paramref name="destination"/>;
    /// the returned searcher is the only other place it is kept, masked.</summary>
    public static ProcessMemory RandomHexSecret(Span<char> destination)
    {
        Span<byte> random = stackalloc byte[destination.Length / 2];
        RandomNumberGenerator.Fill(random);
        Assert.True(Convert.TryToHexStringLower(random, destination, out var written) && written == destination.Length);
        CryptographicOperations.ZeroMemory(random);
        var masked = new byte[destination.Length * 2];
        for (var i = 0; i < destination.Length; i++)
        {
            masked[2 * i] = (byte)(destination[i] ^ Mask);
            masked[(2 * i) + 1] = (byte)((destination[i] >> 8) ^ Mask);
        }

        // Three characters to find candidates fast: too short to be the secret itself.
        var prefix = masked[..6].Select(b => (byte)(b ^ Mask)).ToArray();
        return new ProcessMemory(masked, prefix);
    }

    /// <summary>How many places in writable memory hold the whole secret as UTF-16.</summary>
    public int CountCopies()
    {
        var found = 0;
        using var memory = new FileStream("/proc/self/mem", FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.None);
        var buffer = new byte[ChunkSize + _maskedUtf16.Length];
        foreach (var (start, end) in WritableRegions())
        {
            for (var at = start; at < end; at += ChunkSize)
            {
                var length = (int)Math.Min(buffer.Length, end - at);
                int read;
                try
                {
                    memory.Position = at;
                    read = memory.ReadAtLeast(buffer.AsSpan(0, length), length, throwOnEndOfStream: false);
                }
                catch (IOException)
                {
                    break;
                }

                found += CountIn(buffer.AsSpan(0, read), Math.Min(read, ChunkSize));
            }
        }

        return found;
    }

    private static IEnumerable<(long Start, long End)> WritableRegions()
    {
        foreach (var line in File.ReadAllLines("/proc/self/maps"))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 2 || !fields[1].StartsWith("rw", StringComparison.Ordinal) || line.Contains("[v", StringComparison.Ordinal))
            {
                continue;
            }

            var range = fields[0].Split('-');
            yield return (long.Parse(range[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture), long.Parse(range[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Copies that start within the first <paramref name="starts"/> bytes (the rest overlaps the next chunk).</summary>
    private int CountIn(ReadOnlySpan<byte> data, int starts)
    {
        var found = 0;
        var offset = 0;
        while (offset < starts)
        {
            var hit = data[offset..].IndexOf(_prefix);
            if (hit < 0 || offset + hit >= starts)
            {
                break;
            }

            var candidate = offset + hit;
            if (candidate + _maskedUtf16.Length <= data.Length && Matches(data.Slice(candidate, _maskedUtf16.Length)))
            {
                found++;
            }

            offset = candidate + 1;
        }

        return found;
    }

    private bool Matches(ReadOnlySpan<byte> candidate)
    {
        for (var i = 0; i < candidate.Length; i++)
        {
            if ((byte)(candidate[i] ^ Mask) != _maskedUtf16[i])
            {
                return false;
            }
        }

        return true;
    }
}
