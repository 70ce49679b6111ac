using Xunit;

namespace NetstatPS.HelpBuilder.Tests;

/// <summary>What platyPS 0.14 writes for an about topic (Renderer/TextRenderer.cs, 80 columns).</summary>
public class AboutTopicTests
{
    [Fact]
    public void WritesTopicHeadingsTextAndCodeAsPlatyPSDoes()
    {
        const string markdown =
            "# Topic Name\n## about_Foo\n\n# SHORT DESCRIPTION\nShort text.\n\n# LONG DESCRIPTION\n" +
            "First paragraph that is long enough to need wrapping because it is well over seventy-six characters wide.\n\n" +
            "Second paragraph.\n\n## A subtopic\n```\ncode | here\n  indented\n```\n\n### Deeper\nText.\n";
        string expected = string.Join(
            "\r\n",
            "TOPIC",
            "    about_foo",
            string.Empty,
            "SHORT DESCRIPTION",
            "    Short text.",
            string.Empty,
            "LONG DESCRIPTION",
            "    First paragraph that is long enough to need wrapping because it is well over",
            "    seventy-six characters wide.",
            "    Second paragraph.",
            string.Empty,
            "A subtopic",
            "    code | here",
            "      indented",
            string.Empty,
            "    DEEPER",
            "    Text.",
            string.Empty,
            string.Empty);
        Assert.Equal(expected, AboutTopicWriter.Write(markdown));
    }

    [Fact]
    public void NormalisesDashesAndQuotesButLeavesPipesAlone()
    {
        Assert.Equal("TOPIC\r\n    about_foo\r\n\r\n    a - b 'c' \"d\" e \\| f\r\n\r\n", AboutTopicWriter.Write("# Foo\n## about_Foo\na — b ‘c’ “d” e \\| f\n"));
    }

    [Theory]
    [InlineData("# about_Foo\n## about_Foo\n\n# SHORT DESCRIPTION\nx\n", true)]
    [InlineData("# Foo\n## ABOUT_Foo\n", true)]
    [InlineData("# about_Foo\n\n## SHORT DESCRIPTION\nx\n", false)]
    [InlineData("# about_Foo\ntext\n## about_Foo\n", false)]
    public void IsAnAboutTopicWhenTheSecondBlockIsAnAboutHeading(string markdown, bool expected)
    {
        Assert.Equal(expected, AboutTopicWriter.IsAboutTopic(markdown));
    }
}
