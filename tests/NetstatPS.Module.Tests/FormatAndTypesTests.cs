using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Xml.Linq;
using Xunit;

namespace NetstatPS.Module.Tests;

public class FormatAndTypesTests : IClassFixture<ModuleMetadata>
{
    private const string Deserialized = "Deserialized.";
    private readonly ModuleMetadata m;
    private readonly XDocument format = XDocument.Load(Path.Combine(RepoPaths.Module, "NetstatPS.Format.ps1xml"));
    private readonly XDocument types = XDocument.Load(Path.Combine(RepoPaths.Module, "NetstatPS.Types.ps1xml"));

    public FormatAndTypesTests(ModuleMetadata metadata) => this.m = metadata;

    [Fact]
    public void EveryViewNamesRealTypesAndTheirDeserializedTwins()
    {
        foreach (XElement view in this.format.Descendants("View"))
        {
            string[] selected = view.Element("ViewSelectedBy")!.Elements("TypeName").Select(e => e.Value).ToArray();
            Assert.NotEmpty(selected);
            foreach (string name in selected.Where(n => !n.StartsWith(Deserialized, StringComparison.Ordinal)))
            {
                // NetstatPS.Connection#TcpInfo: a view for the base type, picked by a type name the cmdlet adds.
                Assert.NotNull(this.m.Core.GetType(BaseTypeName(name)));
                Assert.Contains(Deserialized + name, selected);
            }
        }
    }

    [Fact]
    public void EveryPropertyAViewShowsExistsOnItsType()
    {
        foreach (XElement view in this.format.Descendants("View"))
        {
            Type[] viewTypes = this.SelectedTypes(view.Element("ViewSelectedBy")!);
            foreach (XElement prop in view.Descendants("PropertyName"))
            {
                // Inside an entry selected for particular types (the netstat -s view has one per
                // statistics type) the property must be on those; elsewhere on one of the view's types.
                XElement? entrySelection = prop.Ancestors().Select(a => a.Element("EntrySelectedBy")).FirstOrDefault(e => e is not null);
                Type[] candidates = entrySelection is null ? viewTypes : this.SelectedTypes(entrySelection);
                Assert.True(
                    entrySelection is null ? candidates.Any(t => this.HasMember(t, prop.Value)) : candidates.All(t => this.HasMember(t, prop.Value)),
                    $"{view.Element("Name")!.Value}: {string.Join("/", candidates.Select(t => t.Name))} has no property {prop.Value}");
            }
        }
    }

    [Fact]
    public void TableViewsHaveOneItemPerHeader()
    {
        foreach (XElement table in this.format.Descendants("TableControl"))
        {
            int headers = table.Element("TableHeaders")!.Elements("TableColumnHeader").Count();
            foreach (XElement items in table.Descendants("TableColumnItems"))
            {
                Assert.Equal(headers, items.Elements("TableColumnItem").Count());
            }
        }
    }

    [Fact]
    public void ViewNamesAreUniquePerType()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (XElement view in this.format.Descendants("View"))
        {
            Assert.True(seen.Add(this.ViewType(view).FullName + "/" + view.Element("Name")!.Value));
        }
    }

    [Fact]
    public void EveryPublicModelTypeTheCmdletsEmitHasADefaultView()
    {
        string[] viewed = this.format.Descendants("TypeName").Select(e => e.Value).ToArray();
        foreach (string t in new[] { "NetstatPS.Connection", "NetstatPS.Route", "NetstatPS.InterfaceStatistic", "NetstatPS.IPStatistic", "NetstatPS.IcmpStatistic", "NetstatPS.TcpStatistic", "NetstatPS.UdpStatistic", "NetstatPS.MulticastMembership" })
        {
            Assert.Contains(t, viewed);
        }
    }

    [Fact]
    public void ConnectionListViewShowsEveryPublicProperty()
    {
        XElement list = this.format.Descendants("View").Single(v => v.Element("Name")!.Value == "NetstatPS.Connection.List");
        var shown = list.Descendants("PropertyName").Select(e => e.Value).Concat(list.Descendants("Label").Select(e => e.Value)).ToHashSet();
        foreach (PropertyInfo p in this.m.CoreType("NetstatPS.Connection").GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.Name != "OwnerCount"))
        {
            Assert.Contains(p.Name, shown);
        }
    }

    [Fact]
    public void RouteListViewShowsEveryPublicPropertyButRoutePrintsGatewayText()
    {
        // GatewayText is the table view's "On-link or the next hop"; the list shows NextHop and IsOnLink.
        XElement list = this.format.Descendants("View").Single(v => v.Element("Name")!.Value == "NetstatPS.Route.List");
        var shown = list.Descendants("PropertyName").Select(e => e.Value).Concat(list.Descendants("Label").Select(e => e.Value)).ToHashSet();
        foreach (PropertyInfo p in this.m.CoreType("NetstatPS.Route").GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.Name != "GatewayText"))
        {
            Assert.Contains(p.Name, shown);
        }
    }

    // Text another user can choose (issue 14): no view may show it raw, only its escaped *Display twin.
    [Fact]
    public void NoViewShowsAttackerChosenTextRaw()
    {
        // (LocalEndpoint and RemoteEndpoint are display text, escaped by the model itself: the views show them as they are.)
        string[] raw = { "ProcessName", "ProcessPath", "UserName", "Path", "PeerProcessName", "LocalHostName", "RemoteHostName", "Owners", "InterfaceName", "Name", "Description", "Service", "ContainerId", "CommandLine" };
        foreach (XElement view in this.format.Descendants("View"))
        {
            string viewName = view.Element("Name")!.Value;
            foreach (XElement prop in view.Descendants("PropertyName"))
            {
                Assert.DoesNotContain(prop.Value, raw);
            }

            foreach (XElement block in view.Descendants("ScriptBlock"))
            {
                Assert.False(raw.Any(r => block.Value.Contains("$_." + r, StringComparison.Ordinal)), $"{viewName}: a script block shows raw text: {block.Value}");
            }
        }
    }

    [Fact]
    public void DisplayPropertiesAreHiddenCallRealGettersAndCoverDeserializedObjects()
    {
        XElement[] codeProperties = this.types.Descendants("CodeProperty").ToArray();
        Assert.NotEmpty(codeProperties);
        foreach (XElement code in codeProperties)
        {
            string owner = code.Ancestors("Type").Single().Element("Name")!.Value;
            string name = code.Element("Name")!.Value;
            Assert.Equal("true", code.Attribute("IsHidden")?.Value);
            XElement reference = code.Element("GetCodeReference")!;
            Type? getterType = this.m.Module.GetType(reference.Element("TypeName")!.Value);
            Assert.NotNull(getterType);
            MethodInfo? getter = getterType!.GetMethod(reference.Element("MethodName")!.Value, BindingFlags.Public | BindingFlags.Static);
            Assert.NotNull(getter);
            Assert.Equal("System.Management.Automation.PSObject", Assert.Single(getter!.GetParameters()).ParameterType.FullName);
            string twin = owner.StartsWith(Deserialized, StringComparison.Ordinal) ? owner.Substring(Deserialized.Length) : Deserialized + owner;
            Assert.Contains(this.TypeElement(twin).Descendants("CodeProperty"), c => c.Element("Name")!.Value == name);
        }
    }

    [Fact]
    public void ConnectionSerializesEveryPublicPropertyAndNoDisplayProperty()
    {
        // SpecificProperties: a property missing from this set would silently vanish in remoting.
        XElement set = this.TypeElement("NetstatPS.Connection").Descendants("PropertySet").Single(s => s.Element("Name")!.Value == "PropertySerializationSet");
        string[] serialized = set.Descendants("ReferencedProperties").Elements("Name").Select(e => e.Value).OrderBy(n => n, StringComparer.Ordinal).ToArray();
        string[] expected = this.m.CoreType("NetstatPS.Connection").GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal).ToArray();
        Assert.Equal(expected, serialized);
    }

    [Fact]
    public void TypeAliasesPointAtRealPropertiesAndCoverDeserializedObjects()
    {
        XElement[] typeElements = this.types.Root!.Elements("Type").ToArray();
        string[] names = typeElements.Select(t => t.Element("Name")!.Value).ToArray();
        foreach (XElement t in typeElements)
        {
            string name = t.Element("Name")!.Value;
            if (!name.StartsWith("NetstatPS.", StringComparison.Ordinal) && !name.StartsWith(Deserialized + "NetstatPS.", StringComparison.Ordinal))
            {
                // A .NET type the model uses (OperationalStatus): only its serialization is set.
                Assert.Empty(t.Descendants("AliasProperty"));
                continue;
            }

            Type type = this.m.CoreType(name.StartsWith(Deserialized, StringComparison.Ordinal) ? name.Substring(Deserialized.Length) : name);
            if (t.Descendants("AliasProperty").Any() || name.StartsWith(Deserialized, StringComparison.Ordinal))
            {
                // Aliases must also exist on what arrives through remoting. (Enums serialized as
                // strings have no deserialized twin: they arrive as plain strings.)
                Assert.Contains(name.StartsWith(Deserialized, StringComparison.Ordinal) ? name.Substring(Deserialized.Length) : Deserialized + name, names);
            }

            foreach (XElement alias in t.Descendants("AliasProperty"))
            {
                string target = alias.Element("ReferencedMemberName")!.Value;
                Assert.NotNull(type.GetProperty(target));
                Assert.Null(type.GetProperty(alias.Element("Name")!.Value));
            }
        }
    }

    [Theory]
    [InlineData("NetstatPS.Connection", "OwningProcess", "ProcessId")]
    [InlineData("NetstatPS.Route", "Gateway", "NextHop")]
    [InlineData("NetstatPS.Route", "InterfaceAlias", "InterfaceName")]
    [InlineData("NetstatPS.InterfaceStatistic", "InterfaceAlias", "Name")]
    public void NamesKnownFromNetTcpIpAreAliased(string type, string alias, string target)
    {
        XElement t = this.types.Root!.Elements("Type").Single(e => e.Element("Name")!.Value == type);
        Assert.Contains(t.Descendants("AliasProperty"), a => a.Element("Name")!.Value == alias && a.Element("ReferencedMemberName")!.Value == target);
    }

    private static string BaseTypeName(string name)
    {
        string live = name.StartsWith(Deserialized, StringComparison.Ordinal) ? name.Substring(Deserialized.Length) : name;
        int hash = live.IndexOf('#', StringComparison.Ordinal);
        return hash < 0 ? live : live.Substring(0, hash);
    }

    private Type ViewType(XElement view) => this.SelectedTypes(view.Element("ViewSelectedBy")!)[0];

    private Type[] SelectedTypes(XElement selection) =>
        selection.Elements("TypeName").Select(e => BaseTypeName(e.Value)).Distinct(StringComparer.Ordinal).Select(this.m.CoreType).ToArray();

    private bool HasMember(Type type, string name)
    {
        if (type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance) is not null)
        {
            return true;
        }

        return this.types.Root!.Elements("Type")
            .Where(t => t.Element("Name")!.Value == type.FullName)
            .SelectMany(t => t.Descendants("AliasProperty").Concat(t.Descendants("CodeProperty")))
            .Any(a => a.Element("Name")!.Value == name);
    }

    private XElement TypeElement(string name) => this.types.Root!.Elements("Type").Single(t => t.Element("Name")!.Value == name);
}
