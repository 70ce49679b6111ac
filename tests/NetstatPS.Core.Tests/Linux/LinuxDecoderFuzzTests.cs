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
    private static readonly string[] ProcFiles = { "tcp", "tcp6", "udp", "udp6", "raw", "raw6" };

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
    public void RouteGetAnswersSurviveRandomAttributes() =>
        Prop.ForAll<byte[], byte[], bool>((answerAttributes, entryAttributes, v6) =>
        {
            // Behind a plausible struct rtmsg (a unicast answer flagged RTM_F_CLONED, an entry not), so the
            // attribute walkers and every RTA_* size check are reached, not just the header check.
            static byte[] Message(byte[] attributes, bool v6, bool cloned)
            {
                byte[] m = new byte[12 + attributes.Length];
                m[0] = (byte)(v6 ? 10 : 2);
                m[1] = (byte)(v6 ? 128 : 32);
                m[4] = 254;
                m[7] = 1;
                m[9] = (byte)(cloned ? 0x02 : 0);
                attributes.CopyTo(m, 12);
                return m;
            }

            var names = new Dictionary<int, string> { [1] = "lo", [2] = "va" };
            byte[] answer = Message(answerAttributes, v6, cloned: true);
            OnlyDecodeErrors(() => LinuxRouteGetDecoder.Decode(answer, Message(entryAttributes, v6, cloned: false), names, out _));
            OnlyDecodeErrors(() => LinuxRouteGetDecoder.Decode(answer, ReadOnlySpan<byte>.Empty, names, out _));
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void RouteGetAnswersSurviveWellFramedAttributesOfAnySize() =>
        Prop.ForAll<byte[][], byte>((values, seed) =>
        {
            // Correctly framed rtattrs (types 1-31, RTA_MULTIPATH and RTA_METRICS included) with values of
            // any length: only the per-attribute size checks can object.
            var attributes = new List<byte>();
            int type = seed;
            foreach (byte[] value in values ?? Array.Empty<byte[]>())
            {
                byte[] v = value ?? Array.Empty<byte>();
                if (v.Length > 200)
                {
                    continue;
                }

                type = (type % 31) + 1;
                attributes.AddRange(BitConverter.GetBytes((ushort)(4 + v.Length)));
                attributes.AddRange(BitConverter.GetBytes((ushort)type));
                attributes.AddRange(v);
                while (attributes.Count % 4 != 0)
                {
                    attributes.Add(0);
                }
            }

            byte[] m = new byte[12 + attributes.Count];
            m[0] = (byte)((seed & 1) == 0 ? 2 : 10);
            m[1] = (byte)((seed & 1) == 0 ? 32 : 128);
            attributes.CopyTo(m, 12);
            var names = new Dictionary<int, string>();
            OnlyDecodeErrors(() => LinuxRouteGetDecoder.Decode(m, m, names, out _));
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
            var protocol = file.StartsWith("udp", StringComparison.Ordinal) ? TransportProtocol.Udp
                : file.StartsWith("raw", StringComparison.Ordinal) ? TransportProtocol.Raw
                : TransportProtocol.Tcp;
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
    public void UnixDiagSurvivesTruncationCorruptionAndRandomBytes()
    {
        DecoderFuzz.NeverThrowsAnythingElse(LinuxUnixFixture.UnixDump, data => LinuxUnixDiagDecoder.Decode(data, new List<Connection>()), 20261201);

        // Random message bodies behind a plausible SOCK_DIAG_BY_FAMILY header, so the unix_diag_msg decoder is reached.
        Prop.ForAll<byte[]>(bytes =>
        {
            byte[] framed = new byte[16 + bytes.Length];
            BitConverter.GetBytes(framed.Length).CopyTo(framed, 0);
            BitConverter.GetBytes((ushort)20).CopyTo(framed, 4);
            bytes.CopyTo(framed, 16);
            if (bytes.Length > 0)
            {
                framed[16] = 1; // AF_UNIX
            }

            OnlyDecodeErrors(() => LinuxUnixDiagDecoder.Decode(framed, new List<Connection>()));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void ProcNetUnixSurvivesTruncationCorruptionAndRandomText()
    {
        DecoderFuzz.NeverThrowsAnythingElse(LinuxUnixFixture.ProcNetUnix, data => LinuxProcNetUnixDecoder.Decode(data, new List<Connection>()), 1201);
        Prop.ForAll<string>(text =>
        {
            byte[] header = "Num       RefCount Protocol Flags    Type St Inode Path\n"u8.ToArray();
            byte[] body = System.Text.Encoding.UTF8.GetBytes(text ?? string.Empty);
            byte[] whole = new byte[header.Length + body.Length];
            header.CopyTo(whole, 0);
            body.CopyTo(whole, header.Length);
            OnlyDecodeErrors(() => LinuxProcNetUnixDecoder.Decode(whole, new List<Connection>()));
        }).QuickCheckThrowOnFailure();
    }

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
