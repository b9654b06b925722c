using System.Collections.Immutable;
using System.Linq;
using ConvGen.Diagnostics;
using ConvGen.Model;
using ConvGen.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ConvGen.Analyzers;

/// <summary>
/// CONV102: a call of a layer's <c>Forward</c> with one argument more than any of its overloads takes, on a layer declared
/// without <c>Bias = true</c>: the compiler says only CS1501 (no overload takes that many arguments); this names the
/// property that adds the bias parameter. Looks only at invocations named <c>Forward</c> whose overload resolution failed.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ForwardWithoutBiasAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.ForwardWithoutBias);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSyntaxNodeAction(Analyze, SyntaxKind.InvocationExpression);
    }

    private static void Analyze(SyntaxNodeAnalysisContext context)
    {
        var invocation = (InvocationExpressionSyntax)context.Node;
        var name = invocation.Expression switch
        {
            MemberAccessExpressionSyntax member => member.Name,
            SimpleNameSyntax simple => simple,
            _ => null,
        };
        if (name is null || name.Identifier.ValueText != "Forward") return;
        var info = context.SemanticModel.GetSymbolInfo(invocation, context.CancellationToken);
        if (info.Symbol is not null || info.CandidateReason != CandidateReason.OverloadResolutionFailure) return;
        var candidates = info.CandidateSymbols.OfType<IMethodSymbol>().ToArray();
        if (candidates.Length == 0 || !OneArgumentTooMany(context, invocation.ArgumentList.Arguments, candidates)) return;
        var type = candidates[0].ContainingType;
        if (candidates.Any(c => !SymbolEqualityComparer.Default.Equals(c.ContainingType, type))) return;
        foreach (var attribute in type.GetAttributes())
        {
            var kind = LayerKindInfo.All.FirstOrDefault(k => TargetParser.IsConvGenAttribute(attribute.AttributeClass, k.ClassName));
            if (kind is null) continue;
            if (kind.IsPool) return; // no bias to add: the extra argument is just wrong (CS1501 says so)
            if (attribute.NamedArguments.Any(a => a.Key == "Bias" && a.Value.Value is true)) return;
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.ForwardWithoutBias, name.GetLocation(), type.Name, kind.Name));
            return;
        }
    }

    /// <summary>
    /// One argument more than the span overloads take (the last argument not an int: that would be a call of the parallel
    /// overload with one span too few), or one more than the parallel overload (whose last parameter is the degree) takes.
    /// </summary>
    private static bool OneArgumentTooMany(SyntaxNodeAnalysisContext context, SeparatedSyntaxList<ArgumentSyntax> arguments, IMethodSymbol[] candidates)
    {
        static bool Parallel(IMethodSymbol m) => m.Parameters.Length > 0 && m.Parameters[m.Parameters.Length - 1].Type.SpecialType == SpecialType.System_Int32;
        var count = arguments.Count;
        if (candidates.Where(Parallel).Any(c => count == c.Parameters.Length + 1)) return true;
        var spans = candidates.Where(c => !Parallel(c)).ToArray();
        if (spans.Length == 0 || count != spans.Max(c => c.Parameters.Length) + 1) return false;
        var last = context.SemanticModel.GetTypeInfo(arguments[count - 1].Expression, context.CancellationToken).Type;
        return last?.SpecialType != SpecialType.System_Int32;
    }
}
