using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using ConvGen.Diagnostics;
using ConvGen.Model;
using ConvGen.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ConvGen.Pipeline;

/// <summary>
/// A type declaration that may carry a ConvGen attribute (by name). Equal while it is the same node, i.e. while its
/// file did not change; <see cref="Compilation"/> is the compilation of the run its file was last read in.
/// </summary>
internal sealed class Candidate : IEquatable<Candidate>
{
    public Candidate(AttributedType type, WeakReference<Compilation> compilation)
    {
        Node = type.Node;
        Names = type.LookedUp;
        Compilation = compilation;
    }

    public TypeDeclarationSyntax Node { get; }

    /// <summary>The names its binding looks up (<see cref="AttributedType.LookedUp"/>).</summary>
    public string[] Names { get; }

    public WeakReference<Compilation> Compilation { get; }

    public bool Equals(Candidate? other) => other is not null && ReferenceEquals(Node, other.Node);

    public override bool Equals(object? obj) => Equals(obj as Candidate);

    public override int GetHashCode() => Node.GetHashCode();
}

/// <summary>One attribute's result on a type.</summary>
internal sealed record KindResult(LayerKind Kind, LayerResult Result);

/// <summary>A type's result for each layer attribute it carries, in the table's order, and its [OnnxModel] request
/// (null where it has none). Values only.</summary>
internal sealed record LayerResults(EquatableArray<KindResult> Results, OnnxRequest? Onnx = null)
{
    public static readonly LayerResults None = new(EquatableArray<KindResult>.Empty);

    public LayerResult? Of(LayerKind kind)
    {
        foreach (var r in Results.AsSpan())
            if (r.Kind == kind) return r.Result;
        return null;
    }
}

/// <summary>
/// What ForAttributeWithMetadataName did for each type, done only when the type's file or its key
/// (<see cref="KeyedCandidate"/>) changed: the declared symbol, its attributes that are ConvGen's (written in this file),
/// and the transform for each.
/// </summary>
internal static class LayerBinder
{
    public static LayerResults Bind(KeyedCandidate keyed, CancellationToken ct)
    {
        var candidate = keyed.Candidate;
        var tree = candidate.Node.SyntaxTree;

        // This step runs on a run where the type's key changed (then the index's compilation is the current one) or
        // where the type's file changed (then the candidate's is). An older compilation that still holds the tree
        // gives an equal key, so binds the same.
        var compilation = Holding(keyed.IndexCompilation, tree) ?? Holding(candidate.Compilation, tree);
        if (compilation is null)
            return Failed(candidate.Node, "the compilation of this file is no longer available");

        try
        {
            var model = compilation.GetSemanticModel(tree);
            if (model.GetDeclaredSymbol(candidate.Node, ct) is not INamedTypeSymbol type)
                return LayerResults.None;

            var attributes = type.GetAttributes();
            List<KindResult>? results = null;
            foreach (var kind in LayerKindInfo.All)
            {
                var matching = Matching(attributes, kind.ClassName, tree);
                if (!matching.IsEmpty)
                    (results ??= new List<KindResult>()).Add(new KindResult(kind.Kind,
                        LayerParser.Parse(new AttributeTarget(candidate.Node, type, model, matching), kind.Kind, ct)));
            }

            var onnx = Matching(attributes, OnnxModelPipeline.AttributeClassName, tree);
            var request = onnx.IsEmpty ? null : OnnxModelPipeline.Request(type, onnx[0]);
            return results is null && request is null
                ? LayerResults.None
                : new LayerResults(results is null ? EquatableArray<KindResult>.Empty : new EquatableArray<KindResult>(results.ToArray()), request);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception e)
        {
            return Failed(candidate.Node, "internal error: " + e.GetType().Name + ": " + e.Message);
        }
    }

    private static Compilation? Holding(WeakReference<Compilation> reference, SyntaxTree tree) =>
        reference.TryGetTarget(out var compilation) && compilation.ContainsSyntaxTree(tree) ? compilation : null;

    /// <summary>The attributes of <paramref name="name"/> in namespace ConvGen applied in this file (as ForAttributeWithMetadataName
    /// matches them: by full metadata name, so the attribute of any assembly).</summary>
    private static ImmutableArray<AttributeData> Matching(ImmutableArray<AttributeData> attributes, string name, SyntaxTree tree)
    {
        var result = ImmutableArray<AttributeData>.Empty;
        foreach (var attribute in attributes)
            if (TargetParser.IsConvGenAttribute(attribute.AttributeClass, name) && attribute.ApplicationSyntaxReference?.SyntaxTree == tree)
                result = result.Add(attribute);
        return result;
    }

    private static LayerResults Failed(TypeDeclarationSyntax node, string reason)
    {
        var kind = WrittenKind(node);
        var result = new LayerResult(null, new EquatableArray<DiagnosticInfo>(new[]
        {
            DiagnosticInfo.Create(Descriptors.Unreadable, LocationInfo.From(node.Identifier.GetLocation()), kind.Name, reason),
        }));
        return new LayerResults(new EquatableArray<KindResult>(new[] { new KindResult(kind.Kind, result) }));
    }

    /// <summary>The first layer attribute written on the declaration, by name ([Conv2D] where none is recognized).</summary>
    private static LayerKindInfo WrittenKind(TypeDeclarationSyntax node)
    {
        foreach (var list in node.AttributeLists)
            foreach (var attribute in list.Attributes)
                foreach (var kind in LayerKindInfo.All)
                    if (AttributeNames.Normalize(AttributeNames.RightmostName(attribute.Name)) == kind.Name)
                        return kind;
        return LayerKindInfo.Of(LayerKind.Conv2D);
    }
}

/// <summary>What the transform reads: the annotated declaration, its symbol, the semantic model of its file, and the
/// matching attributes (never empty).</summary>
internal readonly record struct AttributeTarget(TypeDeclarationSyntax Node, INamedTypeSymbol Symbol, SemanticModel SemanticModel,
    ImmutableArray<AttributeData> Attributes);
