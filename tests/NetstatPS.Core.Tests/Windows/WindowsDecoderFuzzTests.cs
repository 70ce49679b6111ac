using System;
using System.Collections.Generic;
using FsCheck;
using FsCheck.Fluent;
using NetstatPS.Abstractions;
using NetstatPS.Decoders.Windows;
using Xunit;

namespace NetstatPS.Core.Tests.Windows;

/// <summary>Random, truncated and corrupted buffers: the Windows decoders throw nothing but NetstatDecodeException.</summary>
public class WindowsDecoderFuzzTests
{
    private static readonly ConnectionQuery All = new();

    private static readonly Action<byte[]>[] Decoders =
    {
        b => WindowsTcpTableDecoder.DecodeOwnerPid(b, IPAddressFamily.IPv4, All, null, new List<Connection>()),
        b => WindowsTcpTableDecoder.DecodeOwnerPid(b, IPAddressFamily.IPv6, All, null, new List<Connection>()),
        b => WindowsTcpTableDecoder.DecodeOwnerModule(b, IPAddressFamily.IPv4, All, null, new List<Connection>()),
        b => WindowsTcpTableDecoder.DecodeOwnerModule(b, IPAddressFamily.IPv6, All, null, new List<Connection>()),
        b => WindowsTcpTableDecoder.DecodeOffloadStates(b, IPAddressFamily.IPv4),
        b => WindowsTcpTableDecoder.DecodeOffloadStates(b, IPAddressFamily.IPv6),
        b => WindowsUdpTableDecoder.DecodeOwnerPid(b, IPAddressFamily.IPv4, new List<Connection>()),
        b => WindowsUdpTableDecoder.DecodeOwnerPid(b, IPAddressFamily.IPv6, new List<Connection>()),
        b => WindowsUdpTableDecoder.DecodeOwnerModule(b, IPAddressFamily.IPv4, new List<Connection>()),
        b => WindowsUdpTableDecoder.DecodeOwnerModule(b, IPAddressFamily.IPv6, new List<Connection>()),
        b => WindowsRouteDecoder.Decode(b, new Dictionary<int, string>(), _ => true, new List<Route>()),
        b => WindowsInterfaceDecoder.Decode(b, new List<InterfaceStatistic>()),
        b => WindowsUnicastAddressDecoder.Decode(b),
        b => WindowsProtocolStatisticDecoder.DecodeIp(b, IPAddressFamily.IPv4),
        b => WindowsProtocolStatisticDecoder.DecodeIcmp(b, IPAddressFamily.IPv6),
        b => WindowsProtocolStatisticDecoder.DecodeTcp(b, IPAddressFamily.IPv4),
        b => WindowsProtocolStatisticDecoder.DecodeTcp2(b, IPAddressFamily.IPv6),
        b => WindowsProtocolStatisticDecoder.DecodeUdp(b, IPAddressFamily.IPv4),
        b => WindowsProtocolStatisticDecoder.DecodeUdp2(b, IPAddressFamily.IPv6),
        b => WindowsMulticastDecoder.Decode(b, new Dictionary<int, string>(), new List<MulticastMembership>()),
    };

    private static readonly int[] RowSizes = { 24, 56, 160, 192, 28, 60, 12, 28, 160, 176, 104, 1352, 80, 48 };

    [Fact]
    public void RandomBuffersOnlyEverThrowNetstatDecodeException()
    {
        var random = new Random(20260422);
        for (int iteration = 0; iteration < 4000; iteration++)
        {
            Action<byte[]> decode = Decoders[iteration % Decoders.Length];
            byte[] buffer = RandomTable(random);
            AssertOnlyDecodeErrors(decode, buffer);
        }
    }

    [Fact]
    public void FsCheckBuffersOnlyEverThrowNetstatDecodeException()
    {
        Prop.ForAll<byte[], int>((bytes, which) =>
        {
            Action<byte[]> decode = Decoders[(which & int.MaxValue) % Decoders.Length];
            return Outcome(decode, bytes ?? Array.Empty<byte>());
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void MutatedRealWineBuffersOnlyEverThrowNetstatDecodeException()
    {
        // Real buffers (tests/fixtures/windows/wine8) with random bytes flipped, truncated or the count
        // rewritten: the shapes closest to what a decoder meets.
        var cases = new (string File, Action<byte[]> Decode)[]
        {
            ("tcp4-owner-module", Decoders[2]), ("tcp6-owner-module", Decoders[3]), ("tcp4-owner-pid", Decoders[0]), ("tcp6-owner-pid", Decoders[1]),
            ("tcp4-table2", Decoders[4]), ("tcp6-table2", Decoders[5]), ("udp4-owner-pid", Decoders[6]), ("udp6-owner-pid", Decoders[7]),
            ("udp4-owner-module", Decoders[8]), ("udp6-owner-module", Decoders[9]), ("ipforward-table2", Decoders[10]), ("if-table2", Decoders[11]),
            ("unicast-table", Decoders[12]), ("ipstats4", Decoders[13]), ("icmpex6", Decoders[14]), ("tcpstats4", Decoders[15]), ("udpstats4", Decoders[17]),
        };
        var random = new Random(7);
        foreach ((string file, Action<byte[]> decode) in cases)
        {
            byte[] original = System.IO.File.ReadAllBytes(System.IO.Path.Combine(AppContext.BaseDirectory, "fixtures", "windows", "wine8", file + ".bin"));
            decode((byte[])original.Clone()); // the untouched buffer decodes
            for (int i = 0; i < 150; i++)
            {
                byte[] mutated = (byte[])original.Clone();
                switch (i % 3)
                {
                    case 0:
                        for (int k = random.Next(1, 16); k > 0; k--)
                        {
                            mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
                        }

                        break;
                    case 1:
                        Array.Resize(ref mutated, random.Next(mutated.Length));
                        break;
                    default:
                        BitConverter.GetBytes((uint)random.Next()).CopyTo(mutated, 0);
                        break;
                }

                AssertOnlyDecodeErrors(decode, mutated);
            }
        }
    }

    private static byte[] RandomTable(Random random)
    {
        int rowSize = RowSizes[random.Next(RowSizes.Length)];
        int rows = random.Next(0, 5);
        int length = random.Next(4) switch
        {
            0 => random.Next(0, 16),
            1 => 8 + (rows * rowSize),
            2 => 8 + (rows * rowSize) - random.Next(1, 9),
            _ => random.Next(0, 3000),
        };
        byte[] buffer = new byte[Math.Max(0, length)];
        random.NextBytes(buffer);
        if (buffer.Length >= 4 && random.Next(3) > 0)
        {
            // Mostly a plausible entry count so the rows themselves get decoded.
            BitConverter.GetBytes((uint)random.Next(0, rows + 2)).CopyTo(buffer, 0);
        }

        return buffer;
    }

    private static bool Outcome(Action<byte[]> decode, byte[] buffer)
    {
        try
        {
            decode(buffer);
            return true;
        }
        catch (NetstatDecodeException)
        {
            return true;
        }
    }

    private static void AssertOnlyDecodeErrors(Action<byte[]> decode, byte[] buffer)
    {
        try
        {
            decode(buffer);
        }
        catch (NetstatDecodeException)
        {
        }
        catch (Exception e)
        {
            Assert.Fail($"{e.GetType().Name} on a {buffer.Length}-byte buffer: {e.Message}");
        }
    }
}
