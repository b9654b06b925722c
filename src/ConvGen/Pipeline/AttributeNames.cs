using System.Collections.Generic;
using System.Linq;
using ConvGen.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ConvGen.Pipeline;

/// <summary>
/// Which attributes may be ConvGen's, by name alone: the rightmost simple name, without an <c>Attribute</c> suffix,
/// is a layer attribute's (<c>Conv2D</c>, <c>Conv1D</c>, …) or an alias that leads to one of them. Over-approximates (binding
/// decides); never misses one that binds to ConvGen's attributes.
/// </summary>
internal static class AttributeNames
{
    private const string Suffix = "Attribute";

    private static readonly string[] Own = LayerKindInfo.All.Select(k => k.Name).Concat(new[] { OnnxModelPipeline.AttributeName }).ToArray();

    public static string Normalize(string name) =>
        name.Length > Suffix.Length && name.EndsWith(Suffix, System.StringComparison.Ordinal) ? name.Substring(0, name.Length - Suffix.Length) : name;

    public static string RightmostName(TypeSyntax? type) => type switch
    {
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax aliased => aliased.Name.Identifier.ValueText,
        _ => "",
    };

    /// <summary>The names that may denote a ConvGen attribute: its own, and every alias (of any file: a local
    /// alias elsewhere only costs a binding) that leads to one, through other aliases too.</summary>
    public static EquatableArray<string> Candidates(IEnumerable<AliasDeclaration> aliases)
    {
        var names = new HashSet<string>(Own, System.StringComparer.Ordinal);
        var all = aliases.ToArray();
        for (var added = true; added;)
        {
            added = false;
            foreach (var alias in all)
                if (names.Contains(alias.Target) && names.Add(alias.Name)) added = true;
        }

        return new EquatableArray<string>(names.OrderBy(n => n, System.StringComparer.Ordinal).ToArray());
    }

    /// <summary>
    /// Whether binding looks <paramref name="token"/> up by name in scope: an identifier, but not the name of an
    /// attribute's named argument (<c>Padding = 1</c>, <c>c: 1</c>), which names a member or parameter of the
    /// attribute class itself.
    /// </summary>
    public static bool IsLookedUp(SyntaxToken token) =>
        token.IsKind(SyntaxKind.IdentifierToken) &&
        token.Parent is not IdentifierNameSyntax { Parent: NameEqualsSyntax { Parent: AttributeArgumentSyntax } or NameColonSyntax { Parent: AttributeArgumentSyntax } };

    public static bool AnyMatches(string[] attributeNames, EquatableArray<string> candidates)
    {
        foreach (var name in attributeNames)
            foreach (var candidate in candidates.AsSpan())
                if (name == candidate) return true;
        return false;
    }
}
