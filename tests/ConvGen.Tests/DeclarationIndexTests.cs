using System.Threading;
using ConvGen.Pipeline;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using System.Linq;
using Xunit;

namespace ConvGen.Tests;

/// <summary>
/// A file stays equal under edits inside bodies; a layer's key stays equal under comments, layout and inactive
/// code, changes under every edit that can change what a name binds to or what a constant is, and changes only
/// with the declarations its binding can see.
/// </summary>
public sealed class DeclarationIndexTests
{
    private const string Original = """
        using System;
        namespace App;

        /// <summary>Sizes.</summary>
        public static class Sizes
        {
            public const int N = 4;
            private static int _count = 1;
            public static int Count => _count;
            public static int Next { get { return _count + 1; } }
            public static int Twice(int x) => 2 * x;
            public static int Thrice(int x) { return 3 * x; }
            static Sizes() { _count = 2; }
            public static int operator +(Sizes? a, int b) => b;
        }
        """;

    private static FileIndex Of(string text) =>
        FileIndex.Read((CompilationUnitSyntax)CSharpSyntaxTree.ParseText(text, path: "/test/Sizes.cs").GetRoot(), CancellationToken.None);

    [Theory]
    [InlineData("2 * x", "x + x")]                                          // an expression-bodied method
    [InlineData("return 3 * x;", "var y = 3; return y * x;")]               // a block body
    [InlineData("_count = 2;", "_count = 3; /* and a comment */")]           // a constructor body
    [InlineData("=> _count;", "=> _count + 0;")]                            // an expression-bodied property
    [InlineData("return _count + 1;", "return _count + 2;")]                // an accessor body
    [InlineData("=> b;", "=> b + 1;")]                                      // an operator body
    public void EditsInBodies_LeaveTheFileEqual(string find, string replacement)
    {
        Assert.Contains(find, Original, System.StringComparison.Ordinal);
        Assert.Equal(Of(Original), Of(Original.Replace(find, replacement, System.StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("/// <summary>Sizes.</summary>", "/// <summary>The sizes.</summary>")]
    [InlineData("public const int N = 4;", "public const int N = 4; // four")]
    [InlineData("public const int N = 4;", "public const int N\n        = 4;")]
    [InlineData("{ return 3 * x; }", "{ return 3 * x; }\n#if DEBUG\n        public const int D = 1;\n#endif")] // inactive code
    public void CommentsLayoutAndInactiveCode_LeaveEveryKeyEqual(string find, string replacement)
    {
        // The file's outline changes (its text outside bodies did), so keys are computed again, and found equal.
        Assert.Contains(find, Original, System.StringComparison.Ordinal);
        var edited = Original.Replace(find, replacement, System.StringComparison.Ordinal);
        Assert.NotEqual(Of(Original), Of(edited));
        Assert.Equal(KeyOfEdge(Original, Other), KeyOfEdge(edited, Other));
    }

    [Theory]
    [InlineData("N = 4", "N = 5")]                                          // a constant's value
    [InlineData("public const int N = 4;", "public const int N = 4; public const int M = 1;")]  // a new member
    [InlineData("public static int Twice(int x)", "public static int Twice(long x)")]         // a signature
    [InlineData("_count = 1;", "_count = 2;")]                              // a field initializer (kept: conservative)
    [InlineData("namespace App;", "namespace App2;")]
    [InlineData("public static class Sizes", "internal static class Sizes")]
    [InlineData("public static class Sizes", "[Obsolete] public static class Sizes")]
    [InlineData("{ return 3 * x; }", "{ return 3 * x; }\n#if !DEBUG\n        public const int D = 1;\n#endif")] // active code
    [InlineData("using System;", "global using System.IO;\nusing System;")]  // a global using
    [InlineData("using System;", "using System;\nusing System.IO;")]         // a using: the file's declarations bind through it
    [InlineData("=> b;\n}", "=> b; // }")]                                 // a comment that swallows the class's brace
    public void EditsThatCanChangeBinding_ChangeIt(string find, string replacement)
    {
        Assert.Contains(find, Original, System.StringComparison.Ordinal);
        Assert.NotEqual(Of(Original), Of(Original.Replace(find, replacement, System.StringComparison.Ordinal)));
    }

    [Fact]
    public void TopLevelStatements_AreBodies()
    {
        const string program = "using System;\nConsole.WriteLine(1);\nstatic int F() => 2;\n";
        Assert.Equal(Of(program), Of(program.Replace("WriteLine(1)", "WriteLine(2)", System.StringComparison.Ordinal)));
        Assert.NotEqual(Of(program), Of(program + "namespace App { class C { } }\n"));
    }

    private const string Layer = """
        using ConvGen;
        namespace App;

        [Conv2D(1, Sizes.N, Sizes.N, 1, 3, 3, Padding = 1)]
        public static partial class Edge;
        """;

    private const string Other = """
        namespace App;

        public class Base { public const int B = 2; }
        public static class Unrelated { public static int Twice(int x) => 2 * x; }
        """;

    /// <summary>The key of the layer in <see cref="Layer"/>, given the other files.</summary>
    private static Hash128 KeyOfEdge(params string[] files)
    {
        var indexes = System.Collections.Immutable.ImmutableArray.CreateRange(files.Prepend(Layer).Select(Of));
        var declaration = CSharpSyntaxTree.ParseText(Layer).GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>().Single();
        return DeclarationIndex.Merge(indexes).KeyOf(AttributedType.Of(declaration).LookedUp);
    }

    [Theory]
    [InlineData("2 * x", "3 * x")]                                                       // a body elsewhere
    [InlineData("public static int Twice", "public const int Extra = 1; public static int Twice")] // a new member no layer names
    [InlineData("public class Base", "public sealed class Base")]                        // a type the layer cannot see
    [InlineData("public static int Twice", "public static int Forward; public static int Twice")] // a generated member's name, in another type
    [InlineData("public static int Twice", "public static int Padding; public static int Twice")] // a named argument's name: it names ConvGen's property
    public void DeclarationsTheLayerCannotSee_LeaveItsKeyEqual(string find, string replacement) =>
        Assert.Equal(KeyOfEdge(Original, Other), KeyOfEdge(Original, Other.Replace(find, replacement, System.StringComparison.Ordinal)));

    [Theory]
    [InlineData("Original", "N = 4", "N = 5")]                                           // a constant it uses
    [InlineData("Original", "public const int N = 4;", "public const int N = Base.B * 2;")] // now through another type
    [InlineData("Other", "public static class Unrelated", "public static partial class Edge { public static int Forward; } public static class Unrelated")] // a generated member's name, in the layer's type
    [InlineData("Other", "namespace App;", "global using static System.Math;\nnamespace App;")]      // a global using
    [InlineData("Other", "public static class Unrelated", "public static class Sizes2 { public const int N = 1; } public static class Unrelated")] // another N
    [InlineData("Other", "public static class Unrelated", "public sealed class Conv2DAttribute : System.Attribute { } public static class Unrelated")] // a shadowing attribute
    public void DeclarationsTheLayerCanSee_ChangeItsKey(string file, string find, string replacement)
    {
        var before = KeyOfEdge(Original, Other);
        var after = file == "Original"
            ? KeyOfEdge(Original.Replace(find, replacement, System.StringComparison.Ordinal), Other)
            : KeyOfEdge(Original, Other.Replace(find, replacement, System.StringComparison.Ordinal));
        Assert.NotEqual(before, after);
    }

    [Fact]
    public void AChangeThroughADependency_ChangesTheKey()
    {
        // N = Base.B * 2: the layer sees Base.B through N.
        var uses = Original.Replace("public const int N = 4;", "public const int N = Base.B * 2;", System.StringComparison.Ordinal);
        Assert.NotEqual(KeyOfEdge(uses, Other), KeyOfEdge(uses, Other.Replace("B = 2", "B = 3", System.StringComparison.Ordinal)));
        Assert.Equal(KeyOfEdge(Original, Other), KeyOfEdge(Original, Other.Replace("B = 2", "B = 3", System.StringComparison.Ordinal)));
    }
}
