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
    /// <summary>Every member name a layer may add to its type; a type that declares one of them is an error.</summary>
    public static readonly string[] GeneratedMemberNames =
    {
        "InputChannels", "InputHeight", "InputWidth", "OutputChannels", "OutputHeight", "OutputWidth",
        "KernelHeight", "KernelWidth", "InputLength", "OutputLength", "WeightsLength", "BiasLength",
        "Forward", "Transpose", "WeightsGradient", "BiasGradient", "ToMatrix", Emitting.Names.KernelsClass,
    };

    public static TypeTarget? Parse(INamedTypeSymbol type, LayerKind kind, LocationInfo? attributeLocation, List<DiagnosticInfo> diagnostics)
    {
        var display = type.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat);
        var ok = true;

        for (var t = type; t is not null; t = t.ContainingType)
        {
            if (!IsPartial(t))
            {
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.NotPartial, attributeLocation,
                    t.Equals(type, SymbolEqualityComparer.Default) ? display : display + "' (in '" + t.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat) + "')"));
                ok = false;
                break;
            }
        }

        for (var t = type; t is not null; t = t.ContainingType)
        {
            if (t.TypeParameters.Length > 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.Generic, attributeLocation, display));
                ok = false;
                break;
            }
        }

        for (var t = type; t is not null; t = t.ContainingType)
        {
            if (t.IsFileLocal)
            {
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.FileLocal, attributeLocation, display));
                ok = false;
                break;
            }
        }

        var other = kind == LayerKind.Conv2D ? AttributeSource.ConvTranspose2DMetadataName : AttributeSource.Conv2DMetadataName;
        if (type.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == other))
        {
            // Reported once, by the [Conv2D] pipeline; the other pipeline just emits nothing.
            if (kind == LayerKind.Conv2D)
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.BothAttributes, attributeLocation, display));
            ok = false;
        }

        var memberNames = new HashSet<string>(type.MemberNames) { type.Name };
        foreach (var name in GeneratedMemberNames)
        {
            if (memberNames.Contains(name))
            {
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.NameCollision, attributeLocation, display, name));
                ok = false;
            }
        }

        if (!ok) return null;

        var ns = type.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : null;
        var containing = new List<string>();
        for (var t = type.ContainingType; t is not null; t = t.ContainingType)
            containing.Insert(0, Keyword(t) + " " + t.Name);
        var nameParts = new List<string>();
        for (var t = type; t is not null; t = t.ContainingType)
            nameParts.Insert(0, t.Name);
        var hint = (ns is null ? "" : ns + ".") + string.Join(".", nameParts) + "." + (kind == LayerKind.Conv2D ? "Conv2D" : "ConvTranspose2D") + ".g.cs";
        return new TypeTarget(ns, new EquatableArray<string>(containing.ToArray()), Keyword(type), type.Name, hint);
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
