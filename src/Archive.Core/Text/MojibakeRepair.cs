using System.Text;

namespace Archive.Core.Text;

/// <summary>
/// Repairs UTF-8 that was once decoded as Windows-1252 or Latin-1 (<c>ðŸ§µ</c> → <c>🧵</c>).
/// Only a run that re-encodes to a complete, well-formed UTF-8 sequence is replaced, so correct
/// text (a lone <c>Ã</c> in a Portuguese word) is never touched.
/// </summary>
public static class MojibakeRepair
{
    /// <summary>Repairs until nothing changes (text garbled twice is repaired twice), so repairing is idempotent.</summary>
    public static string Repair(string text)
    {
        var current = text;
        while (true)
        {
            var next = RepairOnce(current);
            if (ReferenceEquals(next, current))
            {
                return current;
            }

            current = next;
        }
    }

    private static string RepairOnce(string text)
    {
        StringBuilder? repaired = null;
        var copiedUpTo = 0;
        for (var i = 0; i < text.Length; i++)
        {
            // Only U+00C2–U+00F4 can stand for a UTF-8 lead byte: skip to the next one (vectorized).
            var next = text.AsSpan(i).IndexOfAnyInRange('\u00C2', '\u00F4');
            if (next < 0)
            {
                break;
            }

            i += next;
            if (!TryDecodeSequence(text, i, out var rune, out var length))
            {
                continue;
            }

            repaired ??= new StringBuilder(text.Length);
            repaired.Append(text, copiedUpTo, i - copiedUpTo);
            repaired.Append(rune.ToString());
            i += length - 1;
            copiedUpTo = i + 1;
        }

        if (repaired is null)
        {
            return text;
        }

        repaired.Append(text, copiedUpTo, text.Length - copiedUpTo);
        return repaired.ToString();
    }

    private static bool TryDecodeSequence(string text, int start, out Rune rune, out int length)
    {
        rune = default;
        length = 0;
        if (!Windows1252.TryGetHighByte(text[start], out var lead))
        {
            return false;
        }

        length = lead switch
        {
            >= 0xC2 and <= 0xDF => 2,
            >= 0xE0 and <= 0xEF => 3,
            >= 0xF0 and <= 0xF4 => 4,
            _ => 0,
        };
        if (length == 0 || start + length > text.Length)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[4];
        bytes[0] = lead;
        for (var k = 1; k < length; k++)
        {
            if (!Windows1252.TryGetHighByte(text[start + k], out var b) || b > 0xBF)
            {
                return false;
            }

            bytes[k] = b;
        }

        // DecodeFromUtf8 refuses overlong forms and surrogates, which is what keeps
        // look-alike sequences in correct text from being "repaired".
        if (Rune.DecodeFromUtf8(bytes[..length], out rune, out var consumed) != System.Buffers.OperationStatus.Done
            || consumed != length)
        {
            return false;
        }

        // A C1 control is never what the author meant: such a pair is not mojibake.
        return rune.Value is not (>= 0x80 and <= 0x9F);
    }
}
