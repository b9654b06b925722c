using System;
using ConvGen.Tests.Infrastructure;
using Xunit;

namespace ConvGen.Tests;

/// <summary>The test helpers themselves: scrubbing, diffs, span markers.</summary>
public sealed class InfrastructureTests
{
    [Fact]
    public void Scrub_ReplacesTheGeneratorVersion_AndNormalisesLineEndings()
    {
        var text = "[global::System.CodeDom.Compiler.GeneratedCode(\"ConvGen\", \"0.1.0.0\")]\r\n" +
                   "[GeneratedCode(\"ConvGen\", \"12.34.5.6789\")]\r" +
                   "[GeneratedCode(\"Other\", \"1.0\")]\n\n\n";
        Assert.Equal(
            "[global::System.CodeDom.Compiler.GeneratedCode(\"ConvGen\", \"VERSION\")]\n" +
            "[GeneratedCode(\"ConvGen\", \"VERSION\")]\n" +
            "[GeneratedCode(\"Other\", \"1.0\")]\n",
            Snapshot.Scrub(text));
    }

    [Fact]
    public void UnifiedDiff_ShowsOnlyTheChangedLinesWithContext()
    {
        var old = string.Join("\n", new[] { "a", "b", "c", "d", "e", "f", "g", "h", "i", "j" }) + "\n";
        var @new = old.Replace("e\n", "E\n", StringComparison.Ordinal);
        var diff = Snapshot.UnifiedDiff(old, @new, "old", "new");
        Assert.Equal("--- old\n+++ new\n@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n", diff);
    }

    [Fact]
    public void Marked_FindsTheSpanBetweenTheMarkers()
    {
        var m = Marked.Parse("[Conv2D(1, [|-4|], 4)]");
        Assert.Equal("[Conv2D(1, -4, 4)]", m.Source);
        Assert.Equal("-4", m.LocatedText);
        Assert.Equal(11, m.Span.Start);
        Assert.Throws<ArgumentException>(() => Marked.Parse("no markers"));
    }

    [Fact]
    public void SnapshotFolder_IsTheProjectsOwn()
    {
        var dir = Snapshot.Directory();
        Assert.EndsWith("_snapshots", dir, StringComparison.Ordinal);
        Assert.True(System.IO.File.Exists(System.IO.Path.Combine(dir, "..", "ConvGen.Tests.csproj")), dir);
    }
}
