using System;
using System.Collections.Generic;
using System.Linq;
using ConvGen.Diagnostics;
using ConvGen.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ConvGen.Parsing;

/// <summary>The annotated type → a <see cref="TypeTarget"/> (names only), or diagnostics.</summary>
internal static class TargetParser
{
    /// <summary>The constants a layer of <paramref name="info"/>'s kind declares, in the order they are emitted.</summary>
    public static string[] ConstantNames(LayerKindInfo info) => info.IsLinear
        ? new[] { "InputLength", "OutputLength", "WeightsLength", "BiasLength" }
        : new[] { "InputChannels" }.Concat(info.Axes.Select(a => "Input" + a.Noun))
            .Concat(new[] { "OutputChannels" }).Concat(info.Axes.Select(a => "Output" + a.Noun))
            .Concat(info.Axes.Select(a => "Kernel" + a.KernelNoun))
            .Concat(info.IsPool ? new[] { "InputLength", "OutputLength" } : new[] { "InputLength", "OutputLength", "WeightsLength", "BiasLength" }).ToArray();

    private static readonly string[] MethodNames = { "Forward", "Transpose", "WeightsGradient", "BiasGradient", "ToMatrix", "FoldBatchNorm", "PackedWeightsLength", "PackWeights", "ForwardPacked" };

    private static readonly string[] PoolMethodNames = { "Forward", "Backward" };

    /// <summary>Every member name a layer of <paramref name="info"/>'s kind may add to its type; a type that declares one
    /// of them is an error.</summary>
    public static string[] MemberNames(LayerKindInfo info) =>
        ConstantNames(info).Concat(info.IsPool ? PoolMethodNames : MethodNames).Concat(new[] { Emitting.Names.KernelsClass })
            .Concat(info.IsPool ? new string[0] : new[] { Emitting.Names.ForwardJobClass })
            .Concat(info.Rank == 3 && !info.IsPool ? new[] { Emitting.Names.SlicesClass } : new string[0]).ToArray();

    private static readonly string[][] MemberNamesByKind = LayerKindInfo.All.Select(MemberNames).ToArray();

    /// <summary>Every member name a layer of any kind may add to its type.</summary>
    public static readonly string[] GeneratedMemberNames = MemberNamesByKind.SelectMany(x => x).Distinct().ToArray();

    private static readonly SymbolDisplayFormat DisplayFormat = SymbolDisplayFormat.CSharpShortErrorMessageFormat;

    /// <summary>The type as diagnostics name it (formatted only for a diagnostic: the transform runs whenever a layer is bound again).</summary>
    private static string Display(INamedTypeSymbol type) => type.ToDisplayString(DisplayFormat);

    public static TypeTarget? Parse(INamedTypeSymbol type, LayerKind kind, AttributeArguments args, List<DiagnosticInfo> diagnostics)
    {
        var ok = true;

        var notPartial = Chain(type).FirstOrDefault(t => !IsPartial(t));
        if (notPartial is not null)
        {
            var isSelf = notPartial.Equals(type, SymbolEqualityComparer.Default);
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.NotPartial, args.AttributeLocation,
                Display(notPartial), isSelf ? "" : $" (it contains the layer '{Display(type)}')"));
            ok = false;
        }

        if (Chain(type).Any(t => t.TypeParameters.Length > 0))
        {
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.Generic, args.AttributeLocation, Display(type)));
            ok = false;
        }

        if (Chain(type).Any(t => t.IsFileLocal))
        {
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.FileLocal, args.AttributeLocation, Display(type)));
            ok = false;
        }

        // Several layer attributes on one type: reported once, on the first in the table's order, naming the first two;
        // every other attribute's pipeline just emits nothing.
        var carried = LayerKindInfo.All.Where(k => type.GetAttributes().Any(a => IsConvGenAttribute(a.AttributeClass, k.ClassName))).ToList();
        if (carried.Count > 1)
        {
            if (carried[0].Kind == kind)
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.BothAttributes, args.AttributeLocation, Display(type), carried[0].Name, carried[1].Name));
            ok = false;
        }

        // Declared members, nested types and delegates included, of every partial declaration. MemberNames comes
        // from the declarations (nested types are looked up by name): no member symbol is built, as the transform
        // runs whenever a layer is bound again.
        var memberNames = MemberNamesByKind[(int)kind];
        if (memberNames.Contains(type.Name))
        {
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.NameCollision, args.AttributeLocation, $"The type '{Display(type)}' is itself named '{type.Name}'"));
            ok = false;
        }

        foreach (var name in memberNames)
        {
            if (name != type.Name && (type.MemberNames.Contains(name) || !type.GetTypeMembers(name).IsEmpty))
            {
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.NameCollision, args.AttributeLocation, $"'{Display(type)}' already declares '{name}'"));
                ok = false;
            }
        }

        if (!ok) return null;

        // Members a base type already has (a layer deriving from a layer, say) are declared `new`.
        var inherited = new List<string>();
        for (var b = type.BaseType; b is not null && b.SpecialType is not (SpecialType.System_Object or SpecialType.System_ValueType); b = b.BaseType)
        {
            var generated = GeneratedBy(b);
            foreach (var name in memberNames)
                if (!inherited.Contains(name) &&
                    (generated.Contains(name) || b.GetMembers(name).Any(m => m.DeclaredAccessibility != Accessibility.Private)))
                    inherited.Add(name);
        }

        return Target(type, inherited.ToArray());
    }

    /// <summary>Where the generated members go: the namespace and containing types as C# source (keywords escaped),
    /// built from the names (no display formatting per binding), the type's declaration head and metadata name.</summary>
    private static TypeTarget Target(INamedTypeSymbol type, string[] inherited)
    {
        string? ns = null;
        for (var n = type.ContainingNamespace; n is { IsGlobalNamespace: false }; n = n.ContainingNamespace)
            ns = ns is null ? Identifier(n.Name) : Identifier(n.Name) + "." + ns;
        var containing = new List<string>();
        for (var t = type.ContainingType; t is not null; t = t.ContainingType)
            containing.Insert(0, Keyword(t) + " " + Identifier(t.Name));
        return new TypeTarget(ns, new EquatableArray<string>(containing.ToArray()), Keyword(type), Identifier(type.Name),
            MetadataName(type), new EquatableArray<string>(inherited));
    }

    /// <summary>
    /// An [OnnxModel] type: partial (with every containing type), not generic, not file-local, no layer attribute too,
    /// none of the generated <paramref name="memberNames"/> declared already. Null (and the reasons in
    /// <paramref name="diagnostics"/>) where it is not.
    /// </summary>
    public static TypeTarget? ParseOnnx(INamedTypeSymbol type, LocationInfo? location, string[] memberNames, List<DiagnosticInfo> diagnostics)
    {
        var count = diagnostics.Count;
        var notPartial = Chain(type).FirstOrDefault(t => !IsPartial(t));
        if (notPartial is not null)
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.NotPartial, location, Display(notPartial),
                notPartial.Equals(type, SymbolEqualityComparer.Default) ? "" : $" (it contains the model '{Display(type)}')"));
        if (Chain(type).Any(t => t.TypeParameters.Length > 0))
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.Generic, location, Display(type)));
        if (Chain(type).Any(t => t.IsFileLocal))
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.FileLocal, location, Display(type)));
        var layer = LayerKindInfo.All.FirstOrDefault(k => type.GetAttributes().Any(a => IsConvGenAttribute(a.AttributeClass, k.ClassName)));
        if (layer is not null)
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.BothAttributes, location, Display(type), layer.Name, "OnnxModel"));
        foreach (var name in memberNames)
            if (type.MemberNames.Contains(name) || !type.GetTypeMembers(name).IsEmpty || type.Name == name)
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.NameCollision, location, $"'{Display(type)}' already declares '{name}'"));
        return diagnostics.Count > count ? null : Target(type, new string[0]);
    }

    /// <summary>The non-private members ConvGen generates on <paramref name="type"/> if it is a valid layer itself
    /// (they are not in the compilation the generator sees).</summary>
    private static HashSet<string> GeneratedBy(INamedTypeSymbol type)
    {
        var names = new HashSet<string>();
        foreach (var attribute in type.GetAttributes())
        {
            var kind = LayerKindInfo.All.FirstOrDefault(k => IsConvGenAttribute(attribute.AttributeClass, k.ClassName));
            if (kind is null) continue;
            var syntax = attribute.ApplicationSyntaxReference?.GetSyntax() as AttributeSyntax;
            var layer = SpecParser.Parse(new AttributeArguments(attribute, syntax, kind), kind.Kind, new List<DiagnosticInfo>());
            if (layer is null) continue;
            names.UnionWith(ConstantNames(kind));
            if (kind.IsPool)
            {
                names.UnionWith(PoolMethodNames);
                continue;
            }

            names.Add("Forward");
            names.Add("Transpose");
            if (layer.Weights is null) names.UnionWith(new[] { "WeightsGradient", "FoldBatchNorm" });
            if (layer.Bias) names.Add("BiasGradient");
            if (Planning.Plan.HasMatrixOf(layer)) names.Add("ToMatrix");
            if (new Emitting.KernelContext(new LayerModel(Emitting.PackedKernels.Probe, layer)).Packed is not null)
                names.UnionWith(new[] { "PackedWeightsLength", "PackWeights", "ForwardPacked" });
        }

        return names;
    }

    /// <summary>Whether <paramref name="type"/> is ConvGen.<paramref name="name"/> of any assembly, compared by parts (no
    /// display string), as ForAttributeWithMetadataName matches a full metadata name.</summary>
    public static bool IsConvGenAttribute(INamedTypeSymbol? type, string name) =>
        type is { ContainingType: null, Arity: 0, ContainingNamespace: { Name: AttributeSource.Namespace, ContainingNamespace.IsGlobalNamespace: true } } &&
        type.Name == name;

    private static IEnumerable<INamedTypeSymbol> Chain(INamedTypeSymbol type)
    {
        for (var t = type; t is not null; t = t.ContainingType)
            yield return t;
    }

    /// <summary>A name as C# source: keywords escaped with @.</summary>
    private static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) is SyntaxKind.RecordKeyword
            ? "@" + name
            : name;

    /// <summary>"App.Outer+Inner": the namespace, then each type from the outermost, '+' before a nested type (names as
    /// declared, no @).</summary>
    private static string MetadataName(INamedTypeSymbol type)
    {
        var name = type.Name;
        for (var t = type.ContainingType; t is not null; t = t.ContainingType)
            name = t.Name + "+" + name;
        for (var n = type.ContainingNamespace; n is { IsGlobalNamespace: false }; n = n.ContainingNamespace)
            name = n.Name + "." + name;
        return name;
    }

    private static bool IsPartial(INamedTypeSymbol type) =>
        type.DeclaringSyntaxReferences.Length > 0 &&
        type.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is TypeDeclarationSyntax t && t.Modifiers.Any(SyntaxKind.PartialKeyword));

    private static string Keyword(INamedTypeSymbol type)
    {
        var kind = type.IsRecord
            ? type.TypeKind == TypeKind.Struct ? "record struct" : "record"
            : type.TypeKind switch
            {
                TypeKind.Struct => "struct",
                TypeKind.Interface => "interface",
                _ => "class",
            };
        var modifiers = (type.IsStatic ? "static " : "") +
                        (type.TypeKind == TypeKind.Struct && type.IsReadOnly ? "readonly " : "") +
                        (type.IsRefLikeType ? "ref " : "");
        return modifiers + "partial " + kind;
    }
}
