using System.Collections.Generic;
using System.IO;
using NetstatPS.Naming;
using Xunit;

namespace NetstatPS.Core.Tests.Common;

public class NamingTests
{
    [Fact]
    public void ServicesFileGivesTheFirstNamePerPortAndProtocol()
    {
        string path = Path.GetTempFileName();
        File.WriteAllLines(path, new[]
        {
            "# comment",
            "ssh\t\t22/tcp\t\t\t\t# SSH Remote Login Protocol",
            "https\t\t443/tcp",
            "https\t\t443/udp\t\thttp-alt",
            "domain\t\t53/udp",
            "other\t\t53/udp",
            "broken\t\tx/tcp",
            "big\t\t70000/tcp",
            "",
        });
        try
        {
            ServiceNameTable table = ServiceNameTable.Load(path);
            Assert.Equal("ssh", table.Lookup(TransportProtocol.Tcp, 22));
            Assert.Null(table.Lookup(TransportProtocol.Udp, 22));
            Assert.Equal("https", table.Lookup(TransportProtocol.Udp, 443));
            Assert.Equal("domain", table.Lookup(TransportProtocol.Udp, 53));
            Assert.Null(table.Lookup(TransportProtocol.Tcp, 70000 - 65536));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void AMissingServicesFileGivesNumbersOnly() =>
        Assert.Null(ServiceNameTable.Load("/nonexistent/services").Lookup(TransportProtocol.Tcp, 22));

    [Fact]
    public void ThisMachinesServicesFileNamesWellKnownPorts()
    {
        // Debian's netbase ships /etc/services; the module reads the same file netstat does.
        Assert.Equal("ssh", ServiceNameTable.Shared.Lookup(TransportProtocol.Tcp, 22));
        Assert.Equal("https", ServiceNameTable.Shared.Lookup(TransportProtocol.Tcp, 443));
    }

    [Fact]
    public void UserIdsResolveThroughLibc()
    {
        Assert.Equal("root", UserNameTable.Shared.Lookup(0));
        Assert.Null(UserNameTable.Shared.Lookup(1_999_999_999));
    }
}
