using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;

namespace NetstatPS.Module.Tests;

/// <summary>
/// The built module's assemblies, loaded for inspection only (System.Reflection.MetadataLoadContext):
/// no PowerShell engine is needed, and nothing of the module runs.
/// </summary>
public sealed class ModuleMetadata : IDisposable
{
    private readonly MetadataLoadContext context;

    public ModuleMetadata()
    {
        string sma = Path.Combine(AppContext.BaseDirectory, "sma", "System.Management.Automation.dll");
        var paths = new List<string>(Directory.GetFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll"));
        paths.AddRange(Directory.GetFiles(RepoPaths.Module, "*.dll"));
        paths.Add(sma);
        this.context = new MetadataLoadContext(new PathAssemblyResolver(paths), "System.Runtime");
        this.Module = this.context.LoadFromAssemblyPath(Path.Combine(RepoPaths.Module, "NetstatPS.dll"));
        this.Core = this.context.LoadFromAssemblyPath(Path.Combine(RepoPaths.Module, "NetstatPS.Core.dll"));
        this.Sma = this.context.LoadFromAssemblyPath(sma);
        this.Cmdlets = this.Module.GetExportedTypes()
            .Where(t => !t.IsAbstract && this.IsCmdlet(t))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .ToArray();
    }

    public Assembly Module { get; }

    public Assembly Core { get; }

    public Assembly Sma { get; }

    public Type[] Cmdlets { get; }

    public static string CmdletName(Type cmdlet)
    {
        CustomAttributeData a = Attribute(cmdlet, "CmdletAttribute")!;
        return $"{a.ConstructorArguments[0].Value}-{a.ConstructorArguments[1].Value}";
    }

    public static CustomAttributeData? Attribute(MemberInfo member, string name) =>
        member.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType.Name == name);

    public static IEnumerable<CustomAttributeData> Attributes(MemberInfo member, string name) =>
        member.GetCustomAttributesData().Where(a => a.AttributeType.Name == name);

    public static object? Named(CustomAttributeData a, string name) =>
        a.NamedArguments.Where(n => n.MemberName == name).Select(n => n.TypedValue.Value).FirstOrDefault();

    /// <summary>Every [Parameter] property of a cmdlet, inherited ones included.</summary>
    public static PropertyInfo[] Parameters(Type cmdlet) =>
        cmdlet.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => Attribute(p, "ParameterAttribute") is not null)
            .ToArray();

    public Type CoreType(string fullName) =>
        this.Core.GetType(fullName) ?? throw new InvalidOperationException($"{fullName} is not a type of NetstatPS.Core");

    public void Dispose() => this.context.Dispose();

    private bool IsCmdlet(Type t)
    {
        for (Type? b = t.BaseType; b is not null; b = b.BaseType)
        {
            if (b.FullName == "System.Management.Automation.Cmdlet")
            {
                return true;
            }
        }

        return false;
    }
}
