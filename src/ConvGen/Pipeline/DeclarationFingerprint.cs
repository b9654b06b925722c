using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ConvGen.Pipeline;

/// <summary>
/// A 128-bit hash of everything in a file that can change how an attribute elsewhere binds: every token outside
/// member bodies (kinds and texts; so the active code after preprocessing), every directive and the file's path.
/// Comments, whitespace and what is inside method, accessor, constructor and operator bodies or top-level
/// statements cannot be named by an attribute argument or a type declaration, so they are left out: an edit there
/// leaves the fingerprint equal and no annotated type elsewhere is bound again.
/// </summary>
internal readonly struct DeclarationFingerprint : IEquatable<DeclarationFingerprint>
{
    private readonly ulong _a;
    private readonly ulong _b;

    private DeclarationFingerprint(ulong a, ulong b)
    {
        _a = a;
        _b = b;
    }

    public bool Equals(DeclarationFingerprint other) => _a == other._a && _b == other._b;

    public override bool Equals(object? obj) => obj is DeclarationFingerprint other && Equals(other);

    public override int GetHashCode() => unchecked((int)(_a ^ (_a >> 32)));

    public static DeclarationFingerprint Of(CompilationUnitSyntax root, CancellationToken ct)
    {
        var hash = new Hasher();
        hash.Add(root.SyntaxTree.FilePath);

        // Iterative (a long initializer expression must not overflow the stack), children in source order.
        var stack = new Stack<ChildSyntaxList.Enumerator>();
        stack.Push(root.ChildNodesAndTokens().GetEnumerator());
        var visited = 0;
        while (stack.Count > 0)
        {
            var children = stack.Pop();
            if (!children.MoveNext()) continue;
            var child = children.Current;
            stack.Push(children);
            if (child.IsToken)
            {
                var token = child.AsToken();
                hash.Add(token.RawKind);
                hash.Add(token.Text);
            }
            else if (child.AsNode() is { } node)
            {
                if ((++visited & 1023) == 0) ct.ThrowIfCancellationRequested();
                if (IsBody(node))
                    hash.Add(-node.RawKind); // that there is a body (or an expression body), not what it says
                else
                    stack.Push(node.ChildNodesAndTokens().GetEnumerator());
            }
        }

        if (root.ContainsDirectives)
            for (var directive = root.GetFirstDirective(); directive is not null; directive = directive.GetNextDirective())
                hash.Add(directive.ToString());

        return new DeclarationFingerprint(hash.A, hash.B);
    }

    /// <summary>Code that no declaration outside it can refer to.</summary>
    private static bool IsBody(SyntaxNode node) => node switch
    {
        BlockSyntax { Parent: BaseMethodDeclarationSyntax or AccessorDeclarationSyntax } => true,
        ArrowExpressionClauseSyntax { Parent: BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or BasePropertyDeclarationSyntax } => true,
        GlobalStatementSyntax => true,
        _ => false,
    };

    /// <summary>Two independent 64-bit lanes (FNV-1a and a rotate-multiply mix) over the same values.</summary>
    private struct Hasher
    {
        public ulong A;
        public ulong B;

        public Hasher()
        {
            A = 14695981039346656037UL;
            B = 0x9E3779B97F4A7C15UL;
        }

        public void Add(int value)
        {
            unchecked
            {
                A = (A ^ (uint)value) * 1099511628211UL;
                var m = (B ^ (uint)value) * 0xC2B2AE3D27D4EB4FUL;
                B = (m << 31) | (m >> 33);
            }
        }

        public void Add(string text)
        {
            Add(text.Length);
            foreach (var c in text) Add(c);
        }
    }
}
