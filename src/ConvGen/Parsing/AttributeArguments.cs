using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using ConvGen.Diagnostics;
using ConvGen.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ConvGen.Parsing;

/// <summary>The attribute's arguments by name, with the location of each one (values only).</summary>
internal sealed class AttributeArguments
{
    // A handful of named arguments at most, looked up ~60 times per transform (which runs whenever a layer is bound again):
    // a scan of the array beats hashing the names.
    private readonly ImmutableArray<KeyValuePair<string, TypedConstant>> _named;
    private readonly AttributeSyntax? _syntax;
    private LocationInfo? _attributeLocation;

    public AttributeArguments(AttributeData attribute, AttributeSyntax? syntax, LayerKindInfo kind)
    {
        _syntax = syntax;
        PositionalNames = kind.Positional;
        Positional = attribute.ConstructorArguments;
        _named = attribute.NamedArguments;
    }

    /// <summary>The attribute's location; computed only when a diagnostic needs it (the transform runs whenever a
    /// layer is bound again, diagnostics are rare).</summary>
    public LocationInfo? AttributeLocation => _attributeLocation ??= LocationInfo.From(_syntax?.GetLocation());

    public ImmutableArray<TypedConstant> Positional { get; }

    /// <summary>The constructor's parameter names, in order (c, h, w, d, p, q for [Conv2D]).</summary>
    public string[] PositionalNames { get; }

    public bool IsGiven(string name) => IndexOf(name) >= 0;

    public bool TryGet(string name, out TypedConstant value)
    {
        var i = IndexOf(name);
        value = i >= 0 ? _named[i].Value : default;
        return i >= 0;
    }

    /// <summary>The last occurrence wins, as the compiler binds a repeated named argument (an error, CS0643).</summary>
    private int IndexOf(string name)
    {
        for (var i = _named.Length - 1; i >= 0; i--)
            if (_named[i].Key == name) return i;
        return -1;
    }

    /// <summary>The location of one argument (named, or positional by its parameter name), or of the whole
    /// attribute where the argument has none. Only diagnostics ask, so the syntax is searched then.</summary>
    public LocationInfo? LocationOf(string name)
    {
        SyntaxNode? found = null;
        if (_syntax?.ArgumentList is { } list)
        {
            var position = 0;
            foreach (var arg in list.Arguments)
            {
                var key = arg.NameEquals is { } ne ? ne.Name.Identifier.ValueText
                    : arg.NameColon is { } nc ? nc.Name.Identifier.ValueText
                    : position < PositionalNames.Length ? PositionalNames[position++]
                    : null;
                if (key == name) found = arg;
            }
        }

        return found is not null ? LocationInfo.From(found.GetLocation()) : AttributeLocation;
    }

    public bool HasErrors(out string reason)
    {
        foreach (var arg in Positional.Concat(_named.Select(p => p.Value)))
        {
            if (IsError(arg))
            {
                reason = "an argument has the wrong type or does not compile";
                return true;
            }
        }

        if (Positional.Length != PositionalNames.Length || Positional.Any(p => p.Value is not int))
        {
            reason = $"it needs the {Count(PositionalNames.Length)} sizes ({string.Join(", ", PositionalNames)}) as int constants";
            return true;
        }

        reason = "";
        return false;
    }

    private static string Count(int n) => n switch { 4 => "four", 6 => "six", 8 => "eight", _ => n.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    private static bool IsError(TypedConstant arg) =>
        arg.Kind == TypedConstantKind.Error || (arg.Kind == TypedConstantKind.Array && !arg.IsNull && arg.Values.Any(IsError));

    public int Int(string name, int fallback) => TryGet(name, out var v) && v.Value is int i ? i : fallback;

    public bool Bool(string name) => TryGet(name, out var v) && v.Value is bool b && b;
}
