using System;
using System.IO;
using System.Linq;
using NetstatPS.HelpBuilder;

// usage: NetstatPS.HelpBuilder <docs dir> <output dir> <assembly file name>
if (args.Length != 3)
{
    Console.Error.WriteLine("usage: NetstatPS.HelpBuilder <docs dir> <output dir> <assembly file name>");
    return 2;
}

string docs = args[0], output = args[1], assembly = args[2];
Directory.CreateDirectory(output);
string[] commandPages = Directory.GetFiles(docs, "*-*.md").OrderBy(f => f, StringComparer.Ordinal).ToArray();
try
{
    HelpPage[] pages = commandPages.Select(f => HelpPage.Parse(File.ReadAllText(f))).ToArray();
    MamlWriter.Write(pages).Save(Path.Combine(output, assembly + "-Help.xml"));
    foreach (string about in Directory.GetFiles(docs, "about_*.md"))
    {
        string name = Path.GetFileNameWithoutExtension(about);
        File.WriteAllText(Path.Combine(output, name + ".help.txt"), AboutTopicWriter.Write(File.ReadAllText(about)));
    }

    Console.WriteLine($"help: {pages.Length} cmdlets -> {Path.Combine(output, assembly + "-Help.xml")}");
    return 0;
}
catch (FormatException ex)
{
    Console.Error.WriteLine($"error: docs are not valid PlatyPS markdown: {ex.Message}");
    return 1;
}
