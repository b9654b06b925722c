using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using ConvGen.Diagnostics;
using ConvGen.Model;
using ConvGen.Pipeline;
using ConvGen.Planning;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ConvGen.Parsing;

/// <summary>What the transform step yields for one annotated type: a model (when valid) and its diagnostics.</summary>
internal sealed record LayerResult(LayerModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>The transform: attribute and type → <see cref="LayerResult"/>. Never throws.</summary>
internal static class LayerParser
{
    public static LayerResult Parse(AttributeTarget context, LayerKind kind, CancellationToken ct)
    {
        var diagnostics = new List<DiagnosticInfo>();
        try
        {
            var type = context.Symbol;
            var attribute = context.Attributes[0];

            // The attribute on several partial declarations (CS0579): only the first such declaration generates.
            if (type.DeclaringSyntaxReferences.Length > 1 && !IsFirstAnnotatedDeclaration(context, type, kind, ct))
                return new LayerResult(null, EquatableArray<DiagnosticInfo>.Empty);

            var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(ct) as AttributeSyntax;
            var args = new AttributeArguments(attribute, syntax, LayerKindInfo.Of(kind), ChainedConstants.For(type, context.SemanticModel.Compilation, ct));
            var target = TargetParser.Parse(type, kind, args, diagnostics);
            ct.ThrowIfCancellationRequested();
            var layer = SpecParser.Parse(args, kind, diagnostics);
            if (target is null || layer is null)
                return new LayerResult(null, new EquatableArray<DiagnosticInfo>(diagnostics.ToArray()));

            ct.ThrowIfCancellationRequested();
            // Only what the diagnostics need: the full plan (multiply-add counts) is the emitter's business.
            if (layer.Unroll == UnrollMode.Full && new Plan(new Geometry(layer.Planar)) is { FullOverBudget: true } plan)
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.FullUnrollOverBudget, args.LocationOf("Unroll"),
                    plan.Macs, layer.Rank == 3 ? "Forward, Transpose and WeightsGradient (per depth slice)" : "Forward, Transpose and WeightsGradient",
                    Plan.FullUnrollBudget));
            if (!layer.Info.IsPool && Plan.MatrixLengthOf(layer) is var matrixLength && matrixLength > Plan.MaxMatrixLength)
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.MatrixTooLarge, args.AttributeLocation, target.Name, matrixLength));

            return new LayerResult(new LayerModel(target, layer), new EquatableArray<DiagnosticInfo>(diagnostics.ToArray()));
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception e)
        {
            // The generator never crashes a build: an unexpected failure becomes a diagnostic.
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.Unreadable, LocationInfo.From(context.Node.GetLocation()),
                LayerKindInfo.Of(kind).Name, "internal error: " + e.GetType().Name + ": " + e.Message));
            return new LayerResult(null, new EquatableArray<DiagnosticInfo>(diagnostics.ToArray()));
        }
    }

    private static bool IsFirstAnnotatedDeclaration(AttributeTarget context, INamedTypeSymbol type, LayerKind kind, CancellationToken ct)
    {
        var name = LayerKindInfo.Of(kind).ClassName;
        var compilation = context.SemanticModel.Compilation;
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(ct) is not TypeDeclarationSyntax declaration) continue;
            var model = compilation.GetSemanticModel(declaration.SyntaxTree);
            var annotated = declaration.AttributeLists.SelectMany(l => l.Attributes)
                .Any(a => model.GetSymbolInfo(a, ct) is var info &&
                          TargetParser.IsConvGenAttribute((info.Symbol ?? info.CandidateSymbols.FirstOrDefault())?.ContainingType, name));
            if (annotated)
                return declaration.SyntaxTree == context.Node.SyntaxTree && declaration.Span == context.Node.Span;
        }

        return true;
    }
}
