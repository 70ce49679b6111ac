using System;
using System.Collections.Generic;
using System.IO;
using FsCheck;
using FsCheck.Fluent;
using NetstatPS.Decoders.Linux;
using Xunit;

namespace NetstatPS.Core.Tests.Linux;

/// <summary>Truncated, corrupted and random input: the Linux decoders throw nothing but NetstatDecodeException.</summary>
public class LinuxDecoderFuzzTests
{
    private static readonly string[] DumpNames = { "tcp4", "tcp6", "udp4", "udp6", "tcp4-listen", "tcp4-bound" };
    private static readonly string[] ProcFiles = { "tcp", "tcp6", "udp", "udp6" };

    private static void OnlyDecodeErrors(Action decode)
    {
        try
        {
            decode();
        }
        catch (NetstatDecodeException)
        {
        }
    }

    private static void SockDiag(byte[] data, uint seq, uint pid, TransportProtocol protocol) =>
        OnlyDecodeErrors(() => LinuxSockDiagDecoder.Decode(data, seq, pid, protocol, true, new LinuxAddressCache(), new List<Connection>()));

    private static void ProcNet(byte[] data, TransportProtocol protocol, IPAddressFamily family) =>
        OnlyDecodeErrors(() => LinuxProcNetDecoder.Decode(data, protocol, family, LinuxSocketStates.AllTcp | 0x82, LinuxLinkLocalScopes.Empty, new LinuxAddressCache(), new List<Connection>()));

    [Fact]
    public void SockDiagSurvivesEveryTruncationAndSeededCorruption()
    {
        var random = new Random(20261122);
        foreach (string name in DumpNames)
        {
            byte[] dump = LinuxFixture.Dump(name);
            var (seq, pid) = LinuxFixture.DumpIds(name);
            var protocol = name.StartsWith("udp", StringComparison.Ordinal) ? TransportProtocol.Udp : TransportProtocol.Tcp;
            for (int length = 0; length <= dump.Length; length++)
            {
                SockDiag(dump.AsSpan(0, length).ToArray(), seq, pid, protocol);
            }

            for (int i = 0; i < 3000; i++)
            {
                byte[] corrupt = (byte[])dump.Clone();
                for (int flips = random.Next(1, 8); flips > 0; flips--)
                {
                    corrupt[random.Next(corrupt.Length)] = (byte)random.Next(256);
                }

                SockDiag(corrupt, seq, pid, protocol);
            }
        }
    }

    [Fact]
    public void SockDiagSurvivesRandomBytes() =>
        Prop.ForAll<byte[], bool>((bytes, udp) =>
        {
            SockDiag(bytes, 0, 0, udp ? TransportProtocol.Udp : TransportProtocol.Tcp);

            // Also behind a plausible header, so the message body decoder is reached.
            byte[] framed = new byte[16 + bytes.Length];
            BitConverter.GetBytes(framed.Length).CopyTo(framed, 0);
            BitConverter.GetBytes((ushort)20).CopyTo(framed, 4);
            bytes.CopyTo(framed, 16);
            SockDiag(framed, 0, 0, udp ? TransportProtocol.Udp : TransportProtocol.Tcp);
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void SockDiagWithSocketMemorySurvivesEveryTruncationAndSeededCorruption()
    {
        var random = new Random(20261201);
        foreach (string name in new[] { "tcp4", "tcp6", "tcp4-skmem-only", "udp4", "udp6" })
        {
            byte[] dump = LinuxSocketMemoryDecoderTests.Dump(name);
            var (seq, pid) = LinuxSocketMemoryDecoderTests.Ids(name);
            var protocol = name.StartsWith("udp", StringComparison.Ordinal) ? TransportProtocol.Udp : TransportProtocol.Tcp;
            void Run(byte[] data) => OnlyDecodeErrors(() => LinuxSockDiagDecoder.Decode(data, seq, pid, protocol, true, new LinuxAddressCache(), new List<Connection>(), includeSocketMemory: true));
            for (int length = 0; length <= dump.Length; length++)
            {
                Run(dump.AsSpan(0, length).ToArray());
            }

            for (int i = 0; i < 3000; i++)
            {
                byte[] corrupt = (byte[])dump.Clone();
                for (int flips = random.Next(1, 8); flips > 0; flips--)
                {
                    corrupt[random.Next(corrupt.Length)] = (byte)random.Next(256);
                }

                Run(corrupt);
            }
        }
    }

    [Fact]
    public void SkMemInfoDecodesAnyLength() =>
        Prop.ForAll<byte[]>(bytes => LinuxSkMemInfoDecoder.Decode(bytes)).QuickCheckThrowOnFailure();

    [Fact]
    public void SockDiagWithSocketMemorySurvivesRandomAttributes() =>
        Prop.ForAll<byte[], bool>((attributes, udp) =>
        {
            // A well-formed header and inet_diag_msg (IPv4, established), then random bytes as attributes.
            byte[] message = new byte[16 + 72 + attributes.Length];
            BitConverter.GetBytes(message.Length).CopyTo(message, 0);
            BitConverter.GetBytes((ushort)20).CopyTo(message, 4);
            message[16] = 2;
            message[17] = 1;
            attributes.CopyTo(message, 16 + 72);
            OnlyDecodeErrors(() => LinuxSockDiagDecoder.Decode(message, 0, 0, udp ? TransportProtocol.Udp : TransportProtocol.Tcp, true, new LinuxAddressCache(), new List<Connection>(), includeSocketMemory: true));
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void IgmpFilesSurviveEveryTruncationAndSeededCorruption()
    {
        var random = new Random(2261);
        foreach (string file in new[] { "igmp", "igmp6" })
        {
            byte[] text = File.ReadAllBytes(Path.Combine(LinuxMulticastDecoderTests.Directory, file));
            void Run(byte[] data) => OnlyDecodeErrors(() =>
            {
                if (file == "igmp")
                {
                    LinuxIgmpDecoder.Decode(data, new List<MulticastMembership>());
                }
                else
                {
                    LinuxIgmp6Decoder.Decode(data, new List<MulticastMembership>());
                }
            });
            for (int length = 0; length <= text.Length; length++)
            {
                Run(text.AsSpan(0, length).ToArray());
            }

            byte[] alphabet = "0123456789ABCDEFabcdefV: \n\t-x"u8.ToArray();
            for (int i = 0; i < 3000; i++)
            {
                byte[] corrupt = (byte[])text.Clone();
                for (int flips = random.Next(1, 8); flips > 0; flips--)
                {
                    corrupt[random.Next(corrupt.Length)] = random.Next(4) == 0 ? (byte)random.Next(256) : alphabet[random.Next(alphabet.Length)];
                }

                Run(corrupt);
            }
        }
    }

    [Fact]
    public void IgmpFilesSurviveRandomText() =>
        Prop.ForAll<string>(text =>
        {
            byte[] body = System.Text.Encoding.UTF8.GetBytes(text ?? string.Empty);
            OnlyDecodeErrors(() => LinuxIgmp6Decoder.Decode(body, new List<MulticastMembership>()));
            OnlyDecodeErrors(() => LinuxIgmpDecoder.Decode(body, new List<MulticastMembership>()));
            byte[] framed = System.Text.Encoding.UTF8.GetBytes("1\tlo        :     1      V3\n\t\t\t\t" + text);
            OnlyDecodeErrors(() => LinuxIgmpDecoder.Decode(framed, new List<MulticastMembership>()));
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void TcpInfoDecodesAnyLength() =>
        Prop.ForAll<byte[]>(bytes => LinuxTcpInfoDecoder.Decode(bytes, null)).QuickCheckThrowOnFailure();

    [Fact]
    public void ProcNetSurvivesEveryTruncationAndSeededCorruption()
    {
        var random = new Random(4242);
        foreach (string file in ProcFiles)
        {
            byte[] text = File.ReadAllBytes(Path.Combine(LinuxFixture.ProcRoot, "net", file));
            var protocol = file.StartsWith("udp", StringComparison.Ordinal) ? TransportProtocol.Udp : TransportProtocol.Tcp;
            var family = file.EndsWith('6') ? IPAddressFamily.IPv6 : IPAddressFamily.IPv4;
            for (int length = 0; length <= text.Length; length++)
            {
                ProcNet(text.AsSpan(0, length).ToArray(), protocol, family);
            }

            byte[] alphabet = "0123456789ABCDEFabcdefxX: \n\t-"u8.ToArray();
            for (int i = 0; i < 3000; i++)
            {
                byte[] corrupt = (byte[])text.Clone();
                for (int flips = random.Next(1, 8); flips > 0; flips--)
                {
                    corrupt[random.Next(corrupt.Length)] = random.Next(4) == 0 ? (byte)random.Next(256) : alphabet[random.Next(alphabet.Length)];
                }

                ProcNet(corrupt, protocol, family);
            }
        }
    }

    [Fact]
    public void ProcNetSurvivesRandomText() =>
        Prop.ForAll<string, bool>((text, v6) =>
        {
            byte[] header = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"u8.ToArray();
            byte[] body = System.Text.Encoding.UTF8.GetBytes(text ?? string.Empty);
            var family = v6 ? IPAddressFamily.IPv6 : IPAddressFamily.IPv4;
            ProcNet(body, TransportProtocol.Tcp, family);
            byte[] whole = new byte[header.Length + body.Length];
            header.CopyTo(whole, 0);
            body.CopyTo(whole, header.Length);
            ProcNet(whole, TransportProtocol.Tcp, family);
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void SmallProcFilesSurviveRandomInput() =>
        Prop.ForAll<byte[]>(bytes =>
        {
            OnlyDecodeErrors(() => LinuxIfInet6Decoder.Decode(bytes));
            LinuxProcessFileDecoder.TryParseSocketInode(bytes, out _);
            LinuxProcessFileDecoder.DecodeName(bytes);
            LinuxProcessFileDecoder.DecodeRealUserId(bytes);
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void IfInet6SurvivesTruncationAndCorruption()
    {
        byte[] text = File.ReadAllBytes(Path.Combine(LinuxFixture.ProcRoot, "net", "if_inet6"));
        var random = new Random(7);
        for (int length = 0; length <= text.Length; length++)
        {
            OnlyDecodeErrors(() => LinuxIfInet6Decoder.Decode(text.AsSpan(0, length)));
        }

        for (int i = 0; i < 2000; i++)
        {
            byte[] corrupt = (byte[])text.Clone();
            corrupt[random.Next(corrupt.Length)] = (byte)random.Next(256);
            OnlyDecodeErrors(() => LinuxIfInet6Decoder.Decode(corrupt));
        }
    }
}
