using System.Linq;
using NetstatPS.HelpBuilder.Markdown;
using Xunit;

namespace NetstatPS.HelpBuilder.Tests;

/// <summary>How platyPS 0.14's markdown parser splits and unescapes text (Parser/MarkdownParser.cs).</summary>
public class ParserTests
{
    [Fact]
    public void OneLineBreakIsASpaceAndABlankLineIsOneBreak()
    {
        Assert.Equal("1 2\r\n3", Text("# T\n1\n2\n\n3\n"));
    }

    [Fact]
    public void BlankLinesNeverEndAParagraph()
    {
        var nodes = PlatyMarkdownParser.Parse("# T\n\nfirst\n\nsecond\n\n\nthird\n");
        Assert.Equal(2, nodes.Count);
        Assert.IsType<ParagraphNode>(nodes[1]);
    }

    [Fact]
    public void ListLinesKeepTheirBreaks()
    {
        // After a list platyPS keeps one more break: the text after it is a paragraph of its own.
        Assert.Equal("Values:\r\n- a\r\n- b\r\n\r\nnot a list, so this line joins.", Text("# T\nValues:\n\n- a\n- b\n\nnot a list,\nso this line joins.\n"));
    }

    [Theory]
    [InlineData(@"\<port-number\>", "<port-number>")]
    [InlineData(@"\[x\] \(y\) \`z\`", "[x] (y) `z`")]
    [InlineData(@"a\_b", "a_b")]
    [InlineData(@"C:\\dir", @"C:\dir")]
    [InlineData(@"pipe \| stays", @"pipe \| stays")]
    [InlineData(@"DOMAIN\user", @"DOMAIN\user")]
    public void UndoesTheEscapesPlatyPSKnowsAndNoOthers(string markdown, string text)
    {
        Assert.Equal(text, Text("# T\n" + markdown + "\n"));
    }

    [Fact]
    public void UnescapesInPlatyPSsOrderSoAnEscapedBackslashBeforeAStarStaysEscaped()
    {
        Assert.Equal(@"\*", Text("# T\n" + @"\\*" + "\n"));
    }

    [Fact]
    public void UnescapedStarsAreEmphasisSetOffBySpaces()
    {
        Assert.Equal("netstat shows : ) here", Text("# T\nnetstat shows *:*) here\n"));
        Assert.Equal("a bold b", Text("# T\na **bold** b\n"));
    }

    [Fact]
    public void EscapedStarsStayLiteral()
    {
        // platyPS 0.14 would still read \*:\* as emphasis (issue 480); CommonMark and platyPS 1.x do not.
        Assert.Equal("netstat shows *:*) and ngin*, *sql*", Text("# T\nnetstat shows \\*:\\*) and ngin\\*, \\*sql\\*\n"));
    }

    [Fact]
    public void ALinkWithAUriIsFollowedByIt()
    {
        // platyPS sets a link off before but not after its " (uri)", and its neighbours were trimmed.
        Assert.Equal("see about_X (https://example.invalid/x)here", Text("# T\nsee [about_X](https://example.invalid/x) here\n"));
    }

    [Fact]
    public void FrontMatterIsSkippedAndReadAsKeyValuePairs()
    {
        const string page = "---\nschema: 2.0.0\nonline version:\n---\n\n# Get-Foo\n";
        Assert.Equal(new HeadingNode(1, "Get-Foo"), PlatyMarkdownParser.Parse(page).Single());
        var front = PlatyMarkdownParser.FrontMatter(page);
        Assert.Equal("2.0.0", front["schema"]);
        Assert.Null(front["online version"]);
    }

    [Fact]
    public void CodeBlocksKeepTheirTextAndLanguage()
    {
        var code = Assert.IsType<CodeBlockNode>(PlatyMarkdownParser.Parse("# T\n```powershell\n\nGet-Foo *x* | \\*\n```\n")[1]);
        Assert.Equal(new CodeBlockNode("powershell", "Get-Foo *x* | \\*"), code);
    }

    private static string Text(string markdown) =>
        SpanText.Join(Assert.IsType<ParagraphNode>(PlatyMarkdownParser.Parse(markdown)[1]).Spans);
}
