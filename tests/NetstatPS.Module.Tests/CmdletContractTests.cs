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
    public void ProtocolStatisticSetListsExactlyTheEnumNames()
    {
        // -Protocol is a ValidateSet of strings (so each name completes once) parsed into
        // StatisticProtocol: the two lists must never drift apart. Binding itself is proven in Pester.
        PropertyInfo protocol = this.Parameter("GetNetProtocolStatisticCommand", "Protocol");
        CustomAttributeData set = ModuleMetadata.Attribute(protocol, "ValidateSetAttribute")!;
        string[] allowed = ((IEnumerable<CustomAttributeTypedArgument>)set.ConstructorArguments[0].Value!).Select(a => (string)a.Value!).OrderBy(n => n, StringComparer.Ordinal).ToArray();
        string[] names = this.m.Core.GetType("NetstatPS.StatisticProtocol")!.GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => f.Name).OrderBy(n => n, StringComparer.Ordinal).ToArray();
        Assert.Equal(names, allowed);
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
        foreach (string type in new[] { "NetstatPS.Connection", "NetstatPS.Route", "NetstatPS.InterfaceStatistic", "NetstatPS.ProcessOwner", "NetstatPS.MulticastMembership", "NetstatPS.SocketMemory" })
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
