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
    };

    private static readonly int[] RowSizes = { 24, 56, 160, 192, 28, 60, 12, 28, 160, 176, 104, 1352, 80 };

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
