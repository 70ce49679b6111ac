using System;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace NetstatPS.Core.Tests.Linux;

/// <summary>Feeds a decoder truncated, corrupted and random input; only NetstatDecodeException may escape.</summary>
internal static class DecoderFuzz
{
    /// <summary>Every prefix of <paramref name="real"/> (or a sample of them for big inputs), seeded bit flips and byte changes, and FsCheck-random arrays.</summary>
    public static void NeverThrowsAnythingElse(byte[] real, Action<byte[]> decode, int seed)
    {
        int step = Math.Max(1, real.Length / 400);
        for (int n = 0; n <= real.Length; n += step)
        {
            Run(real.AsSpan(0, n).ToArray(), decode);
        }

        var random = new Random(seed);
        for (int i = 0; i < 1500; i++)
        {
            byte[] copy = (byte[])real.Clone();
            int changes = 1 + random.Next(4);
            for (int c = 0; c < changes && copy.Length > 0; c++)
            {
                int at = random.Next(copy.Length);
                copy[at] = random.Next(3) switch
                {
                    0 => (byte)(copy[at] ^ (1 << random.Next(8))),
                    1 => (byte)random.Next(256),
                    _ => (byte)"0123456789:- \n\tfF"[random.Next(17)],
                };
            }

            Run(copy, decode);
        }

        Prop.ForAll<byte[]>(bytes =>
        {
            Run(bytes, decode);
            return true;
        }).QuickCheckThrowOnFailure();
    }

    private static void Run(byte[] input, Action<byte[]> decode)
    {
        try
        {
            decode(input);
        }
        catch (NetstatDecodeException)
        {
        }
        catch (Exception e)
        {
            Assert.Fail($"{e.GetType().Name} on a {input.Length}-byte input: {e.Message}\n{Convert.ToHexString(input.AsSpan(0, Math.Min(input.Length, 200)))}\n{e.StackTrace}");
        }
    }
}
