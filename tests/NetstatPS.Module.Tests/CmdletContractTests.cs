using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Xunit;

namespace NetstatPS.Module.Tests;

public class CmdletContractTests : IClassFixture<ModuleMetadata>
{
    private static readonly string[] VerbClasses =
        { "VerbsCommon", "VerbsCommunications", "VerbsData", "VerbsDiagnostic", "VerbsLifecycle", "VerbsOther", "VerbsSecurity" };

    private readonly ModuleMetadata m;

    public CmdletContractTests(ModuleMetadata metadata) => this.m = metadata;

    public static TheoryData<string> CmdletNames()
    {
        using var metadata = new ModuleMetadata();
        var data = new TheoryData<string>();
        foreach (Type t in metadata.Cmdlets)
        {
            data.Add(t.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void UsesAnApprovedVerbASingularNounAndAMatchingClassName(string className)
    {
        Type t = this.Cmdlet(className);
        CustomAttributeData cmdlet = ModuleMetadata.Attribute(t, "CmdletAttribute")!;
        string verb = (string)cmdlet.ConstructorArguments[0].Value!;
        string noun = (string)cmdlet.ConstructorArguments[1].Value!;
        Assert.Contains(verb, this.ApprovedVerbs());
        Assert.False(noun.EndsWith('s'), $"noun {noun} should be singular");
        Assert.Equal(verb + noun + "Command", t.Name);
        Assert.True(File.Exists(Path.Combine(RepoPaths.Source, "Commands", t.Name + ".cs")), "one cmdlet per file, named after it");
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void DeclaresOutputTypesThatArePublicModelTypes(string className)
    {
        Type t = this.Cmdlet(className);
        CustomAttributeData[] outputs = ModuleMetadata.Attributes(t, "OutputTypeAttribute").ToArray();
        Assert.NotEmpty(outputs);
        foreach (CustomAttributeData o in outputs)
        {
            var types = (IEnumerable<CustomAttributeTypedArgument>)o.ConstructorArguments[0].Value!;
            foreach (CustomAttributeTypedArgument arg in types)
            {
                var type = (Type)arg.Value!;
                Assert.True(type.IsPublic, type.FullName);
                Assert.Equal(this.m.Core, type.Assembly);
            }
        }
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void ChangesNoStateUnlessItSupportsShouldProcess(string className)
    {
        Type t = this.Cmdlet(className);
        CustomAttributeData cmdlet = ModuleMetadata.Attribute(t, "CmdletAttribute")!;
        string verb = (string)cmdlet.ConstructorArguments[0].Value!;
        if (verb != "Get")
        {
            Assert.Equal(true, ModuleMetadata.Named(cmdlet, "SupportsShouldProcess"));
            Assert.Equal(3, Convert.ToInt32(ModuleMetadata.Named(cmdlet, "ConfirmImpact"), System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void NameParametersSupportWildcardsAndEveryParameterIsSettable(string className)
    {
        foreach (PropertyInfo p in ModuleMetadata.Parameters(this.Cmdlet(className)))
        {
            Assert.True(p.CanWrite && p.GetSetMethod() is not null, $"{className}.{p.Name} must have a public setter");
            Assert.True(char.IsUpper(p.Name[0]), $"{p.Name} must be PascalCase");
            if ((p.Name.EndsWith("Name", StringComparison.Ordinal) || p.Name == "DestinationPrefix") && p.PropertyType.FullName == "System.String[]")
            {
                Assert.True(ModuleMetadata.Attribute(p, "SupportsWildcardsAttribute") is not null, $"{className}.{p.Name} should support wildcards");
            }
        }
    }

    [Fact]
    public void GetNetConnectionExBindsProcessIdFromGetProcessAndNetTcpIpOutput()
    {
        PropertyInfo pid = this.Parameter("GetNetConnectionExCommand", "ProcessId");
        Assert.Equal(true, ModuleMetadata.Named(ModuleMetadata.Attribute(pid, "ParameterAttribute")!, "ValueFromPipelineByPropertyName"));
        var aliases = ((IEnumerable<CustomAttributeTypedArgument>)ModuleMetadata.Attribute(pid, "AliasAttribute")!.ConstructorArguments[0].Value!)
            .Select(a => (string)a.Value!).ToArray();
        Assert.Contains("Id", aliases);
        Assert.Contains("OwningProcess", aliases);
    }

    [Fact]
    public void StateIsATypedEnumSoItTabCompletesAndRejectsUnknownNames()
    {
        PropertyInfo state = this.Parameter("GetNetConnectionExCommand", "State");
        Type element = state.PropertyType.GetElementType()!;
        Assert.True(element.IsEnum);
        string[] names = element.GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => f.Name).ToArray();
        foreach (string s in new[] { "Listen", "SynSent", "SynReceived", "Established", "FinWait1", "FinWait2", "CloseWait", "Closing", "LastAck", "TimeWait", "Closed" })
        {
            Assert.Contains(s, names);
        }
    }

    [Fact]
    public void ProtocolStatisticAcceptsEveryNameNetstatSAccepts()
    {
        PropertyInfo protocol = this.Parameter("GetNetProtocolStatisticCommand", "Protocol");
        string[] names = protocol.PropertyType.GetElementType()!.GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => f.Name).ToArray();
        foreach (string n in new[] { "IP", "IPv6", "ICMP", "ICMPv6", "TCP", "TCPv6", "UDP", "UDPv6" })
        {
            Assert.Contains(n, names);
        }
    }

    [Theory]
    [InlineData("GetNetConnectionExCommand", "LocalPort")]
    [InlineData("GetNetConnectionExCommand", "RemotePort")]
    public void PortsAreValidatedToTheirRange(string className, string parameter)
    {
        CustomAttributeData range = ModuleMetadata.Attribute(this.Parameter(className, parameter), "ValidateRangeAttribute")!;
        Assert.Equal(0, Convert.ToInt32(range.ConstructorArguments[0].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(65535, Convert.ToInt32(range.ConstructorArguments[1].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("GetNetConnectionExCommand", "LocalAddress")]
    [InlineData("GetNetConnectionExCommand", "RemoteAddress")]
    [InlineData("GetNetRouteTableCommand", "Destination")]
    [InlineData("GetNetRouteTableCommand", "Table")]
    public void AddressesAndTablesAreValidatedAtBindingTime(string className, string parameter)
    {
        PropertyInfo p = this.Parameter(className, parameter);
        Assert.Contains(p.GetCustomAttributesData(), a => a.AttributeType.BaseType?.Name == "ValidateArgumentsAttribute");
    }

    [Fact]
    public void IntervalMustBePositiveAndCountAtLeastOne()
    {
        foreach (Type t in this.m.Cmdlets.Where(c => ModuleMetadata.Parameters(c).Any(p => p.Name == "Interval")))
        {
            CustomAttributeData interval = ModuleMetadata.Attribute(this.Parameter(t.Name, "Interval"), "ValidateRangeAttribute")!;
            Assert.True(Convert.ToDouble(interval.ConstructorArguments[0].Value, System.Globalization.CultureInfo.InvariantCulture) > 0);
            CustomAttributeData count = ModuleMetadata.Attribute(this.Parameter(t.Name, "Count"), "ValidateRangeAttribute")!;
            Assert.Equal(1, Convert.ToInt32(count.ConstructorArguments[0].Value, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void CoreHasNoPowerShellDependencyAndBothAssembliesLoadInWindowsPowerShell51()
    {
        Assert.DoesNotContain(this.m.Core.GetReferencedAssemblies(), a => a.Name == "System.Management.Automation");
        foreach (Assembly a in new[] { this.m.Core, this.m.Module })
        {
            CustomAttributeData tfm = a.GetCustomAttributesData().First(x => x.AttributeType.Name == "TargetFrameworkAttribute");
            Assert.Equal(".NETStandard,Version=v2.0", tfm.ConstructorArguments[0].Value);
        }
    }

    [Fact]
    public void ModelExposesAddressesAsTextSoJsonAndCsvStayFlat()
    {
        foreach (string type in new[] { "NetstatPS.Connection", "NetstatPS.Route", "NetstatPS.InterfaceStatistic", "NetstatPS.ProcessOwner" })
        {
            foreach (PropertyInfo p in this.m.CoreType(type).GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                Assert.NotEqual("System.Net.IPAddress", p.PropertyType.FullName);
            }
        }
    }

    private string[] ApprovedVerbs() =>
        VerbClasses.SelectMany(c => this.m.Sma.GetType("System.Management.Automation." + c)!
                .GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.IsLiteral)
                .Select(f => (string)f.GetRawConstantValue()!))
            .ToArray();

    private Type Cmdlet(string className) => this.m.Cmdlets.Single(t => t.Name == className);

    private PropertyInfo Parameter(string className, string name) =>
        ModuleMetadata.Parameters(this.Cmdlet(className)).Single(p => p.Name == name);
}
