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

    private Dictionary<string, int>? _resolved;

    /// <param name="constants">Where given, int arguments the compiler could not bind (another layer's generated
    /// constants) are evaluated from their syntax (<see cref="ChainedConstants"/>).</param>
    public AttributeArguments(AttributeData attribute, AttributeSyntax? syntax, LayerKindInfo kind, ChainedConstants? constants = null)
    {
        _syntax = syntax;
        PositionalNames = kind.Positional;
        Positional = attribute.ConstructorArguments;
        _named = attribute.NamedArguments;
        if (constants is not null && syntax?.ArgumentList is { } list && HasErrors(out _))
            Resolve(list, constants);
    }

    /// <summary>Named arguments read from the syntax where the compiler bound no constructor (an argument it could not
    /// bind, such as another layer's generated constant, leaves the attribute without any argument values).</summary>
    private Dictionary<string, object?>? _fromSyntax;

    /// <summary>The first argument that names a constant that cannot be resolved, or a cycle (CONV062, CONV063,
    /// CONV019), located on that argument; reported instead of CONV021.</summary>
    public DiagnosticInfo? ResolutionError { get; private set; }

    /// <summary>Evaluates every int argument written as an expression the compiler could not give a value.</summary>
    private void Resolve(AttributeArgumentListSyntax list, ChainedConstants constants)
    {
        var position = 0;
        var positionals = list.Arguments.Count(a => a.NameEquals is null);
        if (positionals != PositionalNames.Length) return; // the wrong number of sizes: CONV021, as the compiler's own error
        foreach (var arg in list.Arguments)
        {
            var key = arg.NameEquals is { } ne ? ne.Name.Identifier.ValueText
                : arg.NameColon is { } nc ? nc.Name.Identifier.ValueText
                : position < PositionalNames.Length ? PositionalNames[position++]
                : null;
            var unboundNamed = arg.NameEquals is not null && Positional.IsEmpty && _named.IsEmpty;
            if (key is null || (!unboundNamed && !PositionalNames.Contains(key) && !IntProperties.Contains(key)) || (TryGetConstant(key, out var c) && c.Value is int))
                continue;
            if (arg.NameEquals is not null && Positional.IsEmpty && !IntProperties.Contains(key))
            {
                (_fromSyntax ??= new Dictionary<string, object?>(System.StringComparer.Ordinal))[key] = constants.Read(arg.Expression);
                continue;
            }

            var result = constants.Evaluate(arg.Expression);
            if (result.Value is { } value)
                (_resolved ??= new Dictionary<string, int>(System.StringComparer.Ordinal))[key] = (int)value;
            else if (result.Error is { } error && ResolutionError is null)
                ResolutionError = new DiagnosticInfo(error, LocationInfo.From(arg.GetLocation()), new EquatableArray<string>(result.Arguments!));
        }
    }

    /// <summary>The attributes' int properties (the others are enums, bools, doubles, a type and an array).</summary>
    private static readonly HashSet<string> IntProperties = new(System.StringComparer.Ordinal)
    {
        "Stride", "StrideT", "StrideH", "StrideW", "Padding", "PaddingT", "PaddingH", "PaddingW", "PaddingFront", "PaddingBack",
        "PaddingTop", "PaddingBottom", "PaddingLeft", "PaddingRight", "Dilation", "DilationT", "DilationH", "DilationW",
        "OutputPadding", "OutputPaddingT", "OutputPaddingH", "OutputPaddingW", "Groups",
    };

    /// <summary>The compiler's value of an argument by name: named, or positional by its parameter name.</summary>
    private bool TryGetConstant(string name, out TypedConstant value)
    {
        var index = System.Array.IndexOf(PositionalNames, name);
        if (index >= 0)
        {
            value = index < Positional.Length ? Positional[index] : default;
            return index < Positional.Length;
        }

        return TryGet(name, out value);
    }

    /// <summary>Positional argument <paramref name="index"/> as an int (resolved where the compiler could not), or null.</summary>
    public int? PositionalInt(int index) =>
        _resolved is not null && _resolved.TryGetValue(PositionalNames[index], out var r) ? r
        : index < Positional.Length && Positional[index].Value is int v ? v
        : null;

    /// <summary>The attribute's location; computed only when a diagnostic needs it (the transform runs whenever a
    /// layer is bound again, diagnostics are rare).</summary>
    public LocationInfo? AttributeLocation => _attributeLocation ??= LocationInfo.From(_syntax?.GetLocation());

    public ImmutableArray<TypedConstant> Positional { get; }

    /// <summary>The constructor's parameter names, in order (c, h, w, d, p, q for [Conv2D]).</summary>
    public string[] PositionalNames { get; }

    public bool IsGiven(string name) => IndexOf(name) >= 0 || (_resolved?.ContainsKey(name) ?? false) || (_fromSyntax?.ContainsKey(name) ?? false);

    /// <summary>A named argument's value: an int, bool, double, enum (its int), <see cref="ITypeSymbol"/> (typeof),
    /// <c>double[]</c> (an array of numbers) or null; false where the argument is not given.</summary>
    public bool TryGetValue(string name, out object? value)
    {
        if (_resolved is not null && _resolved.TryGetValue(name, out var r))
        {
            value = r;
            return true;
        }

        if (_fromSyntax is not null && _fromSyntax.TryGetValue(name, out value))
            return true;
        if (!TryGet(name, out var constant))
        {
            value = null;
            return false;
        }

        value = constant.Kind == TypedConstantKind.Array
            ? constant.IsNull ? null : constant.Values.Select(v => v.Value is double x ? x : System.Convert.ToDouble(v.Value ?? 0d, System.Globalization.CultureInfo.InvariantCulture)).ToArray()
            : constant.Value;
        return true;
    }

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
        for (var i = 0; i < Positional.Length; i++)
        {
            if (IsError(Positional[i]) && !(_resolved?.ContainsKey(i < PositionalNames.Length ? PositionalNames[i] : "") ?? false))
            {
                reason = "an argument has the wrong type or does not compile";
                return true;
            }
        }

        foreach (var arg in _named)
        {
            if (IsError(arg.Value) && !(_resolved?.ContainsKey(arg.Key) ?? false) && !(_fromSyntax?.ContainsKey(arg.Key) ?? false))
            {
                reason = "an argument has the wrong type or does not compile";
                return true;
            }
        }

        // An argument the compiler cannot bind can leave the constructor unbound (no arguments at all): every size
        // resolved here then stands in for them.
        var allResolved = _resolved is not null && PositionalNames.All(_resolved.ContainsKey);
        if ((Positional.Length != PositionalNames.Length && !allResolved) || Enumerable.Range(0, PositionalNames.Length).Any(i => PositionalInt(i) is null))
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

    public int Int(string name, int fallback) => TryGetValue(name, out var v) && v is int i ? i : fallback;

    public bool Bool(string name) => TryGetValue(name, out var v) && v is true;
}
