using System.Threading;
using ConvGen.Pipeline;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace ConvGen.Tests;

/// <summary>
/// A file's declaration fingerprint stays equal under edits no attribute can observe (bodies, comments, layout) and
/// changes under every edit that can change what a name binds to or what a constant is.
/// </summary>
public sealed class DeclarationFingerprintTests
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

    private static DeclarationFingerprint Of(string text) =>
        DeclarationFingerprint.Of((CompilationUnitSyntax)CSharpSyntaxTree.ParseText(text, path: "/test/Sizes.cs").GetRoot(), CancellationToken.None);

    [Theory]
    [InlineData("2 * x", "x + x")]                                          // an expression-bodied method
    [InlineData("return 3 * x;", "var y = 3; return y * x;")]               // a block body
    [InlineData("_count = 2;", "_count = 3; // and a comment")]              // a constructor body
    [InlineData("=> _count;", "=> _count + 0;")]                            // an expression-bodied property
    [InlineData("return _count + 1;", "return _count + 2;")]                // an accessor body
    [InlineData("=> b;", "=> b + 1;")]                                      // an operator body
    [InlineData("/// <summary>Sizes.</summary>", "/// <summary>The sizes.</summary>")]
    [InlineData("public const int N = 4;", "public const int N = 4; // four")]
    [InlineData("public const int N = 4;", "public const int N\n        = 4;")]
    public void EditsNoAttributeCanObserve_LeaveItEqual(string find, string replacement)
    {
        Assert.Contains(find, Original, System.StringComparison.Ordinal);
        Assert.Equal(Of(Original), Of(Original.Replace(find, replacement, System.StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("N = 4", "N = 5")]                                          // a constant's value
    [InlineData("public const int N = 4;", "public const int N = 4; public const int M = 1;")]  // a new member
    [InlineData("public static int Twice(int x)", "public static int Twice(long x)")]         // a signature
    [InlineData("_count = 1;", "_count = 2;")]                              // a field initializer (kept: conservative)
    [InlineData("using System;", "using System;\nusing System.IO;")]         // a using
    [InlineData("namespace App;", "namespace App2;")]
    [InlineData("public static class Sizes", "internal static class Sizes")]
    [InlineData("public static class Sizes", "[Obsolete] public static class Sizes")]
    [InlineData("{ return 3 * x; }", "{ return 3 * x; }\n#if DEBUG\n        public const int D = 1;\n#endif")]
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

    [Fact]
    public void ThePathIsPartOfIt()
    {
        var root = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(Original, path: "/test/Other.cs").GetRoot();
        Assert.NotEqual(Of(Original), DeclarationFingerprint.Of(root, CancellationToken.None));
    }
}
