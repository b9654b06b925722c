using System;
using System.Collections.Generic;
using System.Linq;
using ConvGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace ConvGen.Tests;

/// <summary>
/// The generator reuses a type's result while neither the type's file nor anything another file declares changed.
/// These tests drive one generator through a sequence of edits that do and do not matter (constants in other
/// files, a shadowing attribute class, aliases, partial declarations, bodies, comments, a brace commented out) and
/// require, after every edit, exactly what a fresh generator produces from scratch: the same files, the same text,
/// the same diagnostics at the same places.
/// </summary>
public sealed class IncrementalEquivalenceTests
{
    private const string Sizes = """
        namespace App;

        public static class Sizes
        {
            public const int N = 4;
            public const int K = N - 1;
            public static int Twice(int x) => 2 * x;
        }
        """;

    private const string Layers = """
        using ConvGen;

        namespace App;

        [Conv2D(1, Sizes.N, Sizes.N, 1, Sizes.K, Sizes.K)]
        public static partial class FromConstants;

        [ConvTranspose2D(1, 3, 3, 1, 2, 2)]
        public static partial class Up
        {
            public static int Helper() => 1;
        }
        """;

    private const string PartialElsewhere = """
        namespace App;

        public static partial class Up
        {
            public static int Other() { return 2; }
        }
        """;

    private const string Aliased = """
        namespace App;

        [Layer(1, 5, 5, 1, 3, 3)]
        public static partial class ThroughAlias;
        """;

    private const string Unrelated = """
        namespace Elsewhere;

        public static class Util
        {
            public static int Twice(int x) => 2 * x;
        }
        """;

    private const string Derived = """
        using ConvGen;

        namespace App;

        public class BaseLayer
        {
            public int Size => 1;
        }

        [Conv2D(1, 4, 4, 1, 3, 3)]
        public partial class Derived : BaseLayer;
        """;

    private const string BothA = """
        using ConvGen;

        namespace App;

        [Conv2D(1, 4, 4, 1, 2, 2)]
        public static partial class Both;
        """;

    // Without `using ConvGen;` the attribute binds to nothing (a compiler error), so Both is a plain [Conv2D] layer.
    private const string BothB = """
        namespace App;

        [ConvTranspose2D(1, 3, 3, 1, 2, 2)]
        public static partial class Both;
        """;

    private const string Nested = """
        using ConvGen;

        namespace App;

        public static partial class Outer
        {
            [Conv2D(1, 4, 4, 1, 3, 3)]
            public static partial class Inner;
        }
        """;

    private const string OuterMore = """
        namespace App;

        public static partial class Outer
        {
            public static int More => 1;
        }
        """;

    private const string AliasFile = "global using Layer = ConvGen.Conv2DAttribute;\n";

    private const string Shadowing = """
        namespace App;

        internal sealed class Conv2DAttribute : System.Attribute
        {
            public Conv2DAttribute(int c, int h, int w, int d, int p, int q) { }
        }
        """;

    /// <summary>An edit, and what it should do to the generated code (checked against the run from scratch).</summary>
    private sealed record Edit(string Name, Func<Compilation, Compilation> Apply, Action<GeneratorOutput>? Check = null);

    private static SyntaxTree Tree(Compilation compilation, string path) => compilation.SyntaxTrees.Single(t => t.FilePath == path);

    private static Compilation Replace(Compilation compilation, string path, string find, string replacement)
    {
        var tree = Tree(compilation, path);
        var text = tree.GetText().ToString();
        Assert.Contains(find, text, StringComparison.Ordinal);
        return compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(
            Microsoft.CodeAnalysis.Text.SourceText.From(text.Replace(find, replacement, StringComparison.Ordinal), System.Text.Encoding.UTF8)));
    }

    private static Compilation Add(Compilation compilation, string path, string text) =>
        compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(text, GeneratorDriverHelper.ParseOptions, path, System.Text.Encoding.UTF8));

    private static Compilation Remove(Compilation compilation, string path) => compilation.RemoveSyntaxTrees(Tree(compilation, path));

    private static string Source(GeneratorOutput output, string type, string kind = "Conv2D") =>
        output.Sources.TryGetValue($"App.{type}.{kind}.g.cs", out var text) ? text : "";

    private static readonly Edit[] Edits =
    {
        new("a method body in an unrelated file", c => Replace(c, "/test/Unrelated.cs", "2 * x", "2 * x + 1")),
        new("a method body beside the constants", c => Replace(c, "/test/Sizes.cs", "2 * x", "x + x")),
        new("a comment that swallows a closing brace", c => Replace(c, "/test/Unrelated.cs", "2 * x + 1;", "2 * x + 1; // }")),
        new("a constant used by a layer, in another file", c => Replace(c, "/test/Sizes.cs", "N = 4", "N = 6"),
            o => Assert.Contains("InputHeight = 6", Source(o, "FromConstants"), StringComparison.Ordinal)),
        new("a constant that a used constant depends on", c => Replace(c, "/test/Sizes.cs", "K = N - 1", "K = N - 3"),
            o => Assert.Contains("KernelHeight = 3", Source(o, "FromConstants"), StringComparison.Ordinal)),
        new("a new constant in an unrelated class", c => Replace(c, "/test/Unrelated.cs", "public static int Twice", "public const int Extra = 7; public static int Twice")),
        new("a global alias added in another file", c => Add(c, "/test/Alias.cs", AliasFile),
            o => Assert.Contains("InputHeight = 5", Source(o, "ThroughAlias"), StringComparison.Ordinal)),
        new("a member that collides, in another partial declaration", c => Replace(c, "/test/Partial.cs", "public static int Other()", "public static int Forward; public static int Other()"),
            o => Assert.Contains(o.GeneratorDiagnostics, d => d.GetMessage().Contains("already declares 'Forward'", StringComparison.Ordinal))),
        new("a body in the other partial declaration", c => Replace(c, "/test/Partial.cs", "return 2;", "return 3;")),
        new("the colliding member removed", c => Replace(c, "/test/Partial.cs", "public static int Forward; ", ""),
            o => Assert.NotEqual("", Source(o, "Up", "ConvTranspose2D"))),
        new("an attribute class that shadows ConvGen's, in another file", c => Add(c, "/test/Shadowing.cs", Shadowing),
            o => Assert.Equal("", Source(o, "FromConstants"))),
        new("the shadowing class removed", c => Remove(c, "/test/Shadowing.cs"),
            o => Assert.NotEqual("", Source(o, "FromConstants"))),
        new("a body and a comment in the annotated file", c => Replace(c, "/test/Layers.cs", "=> 1;", "=> 1 + 1; // more")),
        new("the alias removed", c => Remove(c, "/test/Alias.cs"),
            o => Assert.Equal("", Source(o, "ThroughAlias"))),
        new("a constant used by a layer renamed away", c => Replace(c, "/test/Sizes.cs", "public const int N = 6;", "public const int M = 6;"),
            o => Assert.Equal("", Source(o, "FromConstants"))),
        new("a layer through a local alias, in a new file", c => Add(c, "/test/Local.cs",
                "using Up2 = ConvGen.ConvTranspose2DAttribute;\nnamespace App;\n[Up2(1, 3, 3, 1, 2, 2)]\npublic static partial class ViaLocal;\n"),
            o => Assert.NotEqual("", Source(o, "ViaLocal", "ConvTranspose2D"))),
        new("and back", c => Replace(c, "/test/Sizes.cs", "public const int M = 6;", "public const int N = 5;"),
            o => Assert.Contains("InputHeight = 5", Source(o, "FromConstants"), StringComparison.Ordinal)),
        new("a member named like a generated one, in a layer's base class", c => Replace(c, "/test/Derived.cs", "public int Size => 1;", "public int Size => 1;\n    public int Forward => 2;"),
            o => Assert.Contains("public static new void Forward(", Source(o, "Derived"), StringComparison.Ordinal)),
        new("a used constant now from a class in another file", c =>
                Replace(Replace(c, "/test/Unrelated.cs", "public static class Util", "public static class Deep { public const int M = 7; }\npublic static class Util"),
                    "/test/Sizes.cs", "public const int N = 5;", "public const int N = Elsewhere.Deep.M;"),
            o => Assert.Contains("InputHeight = 7", Source(o, "FromConstants"), StringComparison.Ordinal)),
        new("that constant changed", c => Replace(c, "/test/Unrelated.cs", "M = 7", "M = 8"),
            o => Assert.Contains("InputHeight = 8", Source(o, "FromConstants"), StringComparison.Ordinal)),
        new("a class named like ConvGen's namespace, in a new file", c => Add(c, "/test/Clash.cs", "public static class ConvGen { }\n"),
            o => Assert.Equal("", Source(o, "FromConstants"))),
        new("that class removed", c => Remove(c, "/test/Clash.cs"),
            o => Assert.NotEqual("", Source(o, "FromConstants"))),
        new("a using that makes another partial declaration's attribute ConvGen's", c => Replace(c, "/test/BothB.cs", "namespace App;", "using ConvGen;\nnamespace App;"),
            o => Assert.Contains(o.GeneratorDiagnostics, d => d.Id == "CONV004")),
        new("a containing type's other declaration no longer partial", c => Replace(c, "/test/OuterMore.cs", "public static partial class Outer", "public static class Outer")),
        new("a member of the containing type that the layer's name hides", c => Replace(c, "/test/OuterMore.cs", "public static int More => 1;", "public static int More => 1;\n    public const int Inner2 = 3;")),
        new("a file with nothing but a local alias", c => Add(c, "/test/OnlyAlias.cs", "using Layer = ConvGen.Conv2DAttribute;\n")),
        new("that alias renamed to an attribute name another file writes", c => Replace(c, "/test/OnlyAlias.cs", "using Layer =", "using Stray =")),
        new("a global using added in a new file", c => Add(c, "/test/Usings.cs", "global using static System.Math;\n")),
    };

    public static TheoryData<int> Orders => new() { 0, 1, 2, 3, 4, 5, 6, 7 };

    [Theory]
    [MemberData(nameof(Orders))]
    public void EveryEdit_GivesWhatAFreshRunGives(int order)
    {
        // Order 0 is the list as written (each check holds there); the others are shuffles of it, checked only for
        // equality with the run from scratch.
        var random = new Random(order);
        var edits = order == 0 ? Edits : Edits.OrderBy(_ => random.Next()).ToArray();

        var compilation = (Compilation)GeneratorDriverHelper.CreateCompilation(Array.Empty<string>());
        foreach (var (path, text) in new[] { ("/test/Sizes.cs", Sizes), ("/test/Layers.cs", Layers), ("/test/Partial.cs", PartialElsewhere),
                     ("/test/Aliased.cs", Aliased), ("/test/Unrelated.cs", Unrelated), ("/test/Derived.cs", Derived),
                     ("/test/BothA.cs", BothA), ("/test/BothB.cs", BothB),
                     ("/test/Nested.cs", Nested), ("/test/OuterMore.cs", OuterMore),
                     ("/test/Stray.cs", "namespace App;\n[Stray(1, 2, 3, 4, 5, 6)]\npublic static partial class StrayType;\n") })
            compilation = Add(compilation, path, text);

        // Without step tracking, as the IDE and the build run generators. (With it, Roslyn 4.14 itself drops a cached
        // output on the run after another output was removed: a ten-line generator of Where → Select → Combine →
        // output shows it, so these runs would compare Roslyn's bookkeeping, not ConvGen.)
        var driver = GeneratorDriverHelper.CreateDriver(trackSteps: false);
        GeneratorDriverHelper.Run(driver, compilation, out driver);
        var applied = new List<string>();
        foreach (var edit in edits)
        {
            Compilation next;
            try
            {
                next = edit.Apply(compilation);
            }
            catch (Exception) when (order != 0)
            {
                continue; // in a shuffled order an edit may not apply (its text is not there yet): skip it
            }

            compilation = next;
            applied.Add(edit.Name);
            GC.Collect(); // compilations of earlier runs are only weakly held: results must not depend on them
            var incremental = GeneratorDriverHelper.Run(driver, compilation, out driver);
            var fresh = GeneratorDriverHelper.Run(compilation);
            var after = "after: " + string.Join(" → ", applied);
            Assert.True(fresh.Sources.Keys.SequenceEqual(incremental.Sources.Keys),
                $"{after}\nfiles from scratch: {string.Join(", ", fresh.Sources.Keys)}\nincremental: {string.Join(", ", incremental.Sources.Keys)}");
            foreach (var (hint, text) in fresh.Sources)
                Assert.True(text == incremental.Sources[hint], $"{after}\n{hint} differs from the run from scratch");
            Assert.Equal(Describe(fresh.GeneratorDiagnostics), Describe(incremental.GeneratorDiagnostics));
            if (order == 0) edit.Check?.Invoke(fresh);
        }

        Assert.True(applied.Count >= (order == 0 ? Edits.Length : 5), "too few edits applied: " + string.Join(", ", applied));
    }

    private static string Describe(IEnumerable<Diagnostic> diagnostics) =>
        string.Join("\n", diagnostics.Select(d => $"{d.Id} {d.Location.GetLineSpan()} {d.GetMessage()}").OrderBy(s => s, StringComparer.Ordinal));
}
