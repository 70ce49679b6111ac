using System;
using System.IO;
using System.Linq;
using System.Text;
using NetstatPS.HelpBuilder;

// usage: NetstatPS.HelpBuilder <docs dir> <output dir> <assembly file name>
// Does what platyPS 0.14's New-ExternalHelp does with a docs folder: every *-*.md that is not about_*
// is a command page; every .md whose second heading is "about..." is an about topic.
if (args.Length != 3)
{
    Console.Error.WriteLine("usage: NetstatPS.HelpBuilder <docs dir> <output dir> <assembly file name>");
    return 2;
}

string docs = args[0], output = args[1], assembly = args[2];
Directory.CreateDirectory(output);
var utf8 = new UTF8Encoding(false);
string[] commandFiles = Directory.GetFiles(docs, "*-*.md")
    .Where(f => !Path.GetFileName(f).StartsWith("about_", StringComparison.OrdinalIgnoreCase))
    .OrderBy(f => f, StringComparer.Ordinal)
    .ToArray();
string current = string.Empty;
try
{
    var pages = commandFiles.SelectMany(f =>
    {
        current = f;
        return CommandPageReader.Read(File.ReadAllText(f));
    }).ToList();
    string maml = Path.Combine(output, assembly + "-Help.xml");
    File.WriteAllText(maml, MamlWriter.Write(pages), utf8);
    Console.WriteLine($"help: {pages.Count} cmdlets -> {maml}");

    foreach (string file in Directory.GetFiles(docs, "*.md").Where(f => !commandFiles.Contains(f)).OrderBy(f => f, StringComparer.Ordinal))
    {
        current = file;
        string markdown = File.ReadAllText(file);
        if (!AboutTopicWriter.IsAboutTopic(markdown))
        {
            // New-ExternalHelp skips such a file without a word; a docs folder here has none by intent.
            throw new FormatException("not an about topic: its second heading must be '## about_Name'");
        }

        string name = Path.GetFileNameWithoutExtension(file);
        string topic = Path.Combine(output, (name.StartsWith("about_", StringComparison.OrdinalIgnoreCase) ? name : "about_" + name) + ".help.txt");
        File.WriteAllText(topic, AboutTopicWriter.Write(markdown), utf8);
        Console.WriteLine($"help: about topic -> {topic}");
    }

    return 0;
}
catch (FormatException ex)
{
    Console.Error.WriteLine($"error: {current}: not valid platyPS 0.14 markdown (schema 2.0.0): {ex.Message}");
    return 1;
}
