using System.Collections.Generic;
using System.Linq;
using ConvGen.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ConvGen.Parsing;

/// <summary>The attribute's arguments by name, with the location of each one (values only).</summary>
internal sealed class AttributeArguments
{
    public static readonly string[] PositionalNames = { "c", "h", "w", "d", "p", "q" };

    private readonly Dictionary<string, TypedConstant> _named = new();
    private readonly Dictionary<string, SyntaxNode> _argumentSyntax = new();
    private readonly AttributeSyntax? _syntax;
    private LocationInfo? _attributeLocation;

    public AttributeArguments(AttributeData attribute, AttributeSyntax? syntax)
    {
        _syntax = syntax;
        Positional = attribute.ConstructorArguments;
        foreach (var pair in attribute.NamedArguments)
            _named[pair.Key] = pair.Value;

        if (syntax?.ArgumentList is { } list)
        {
            var position = 0;
            foreach (var arg in list.Arguments)
            {
                if (arg.NameEquals is { } ne)
                    _argumentSyntax[ne.Name.Identifier.ValueText] = arg;
                else if (arg.NameColon is { } nc)
                    _argumentSyntax[nc.Name.Identifier.ValueText] = arg;
                else if (position < PositionalNames.Length)
                    _argumentSyntax[PositionalNames[position++]] = arg;
            }
        }
    }

    /// <summary>The attribute's location; computed only when a diagnostic needs it (the transform runs on every
    /// keystroke, diagnostics are rare).</summary>
    public LocationInfo? AttributeLocation => _attributeLocation ??= LocationInfo.From(_syntax?.GetLocation());

    public System.Collections.Immutable.ImmutableArray<TypedConstant> Positional { get; }

    public IEnumerable<string> GivenNames => _named.Keys;

    public bool IsGiven(string name) => _named.ContainsKey(name);

    public bool TryGet(string name, out TypedConstant value) => _named.TryGetValue(name, out value);

    /// <summary>The location of one argument, or of the whole attribute where the argument has none.</summary>
    public LocationInfo? LocationOf(string name) =>
        _argumentSyntax.TryGetValue(name, out var node) ? LocationInfo.From(node.GetLocation()) : AttributeLocation;

    public bool HasErrors(out string reason)
    {
        foreach (var arg in Positional.Concat(_named.Values))
        {
            if (IsError(arg))
            {
                reason = "an argument has the wrong type or does not compile";
                return true;
            }
        }

        if (Positional.Length != 6 || Positional.Any(p => p.Value is not int))
        {
            reason = "it needs the six sizes (c, h, w, d, p, q) as int constants";
            return true;
        }

        reason = "";
        return false;
    }

    private static bool IsError(TypedConstant arg) =>
        arg.Kind == TypedConstantKind.Error || (arg.Kind == TypedConstantKind.Array && !arg.IsNull && arg.Values.Any(IsError));

    public int Int(string name, int fallback) =>
        _named.TryGetValue(name, out var v) && v.Value is int i ? i : fallback;

    public bool Bool(string name) => _named.TryGetValue(name, out var v) && v.Value is bool b && b;
}
