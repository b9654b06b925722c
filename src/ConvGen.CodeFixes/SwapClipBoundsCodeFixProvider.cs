using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ConvGen.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ConvGen.CodeFixes;

/// <summary>
/// CONV041 (ClipMin greater than ClipMax) → "Swap ClipMin and ClipMax": the two arguments exchange their values
/// (expressions, comments and layout around them kept), which is what a reversed pair of bounds means.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SwapClipBoundsCodeFixProvider)), Shared]
public sealed class SwapClipBoundsCodeFixProvider : CodeFixProvider
{
    public const string EquivalenceKey = "ConvGen.SwapClipBounds";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.ClipBoundsReversed.Id);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root is null || Bounds(root, diagnostic) is not var (min, max)) continue;
            var document = context.Document;
            context.RegisterCodeFix(
                CodeAction.Create("Swap ClipMin and ClipMax", ct => SwapAsync(document, min, max, ct), EquivalenceKey),
                diagnostic);
        }
    }

    /// <summary>The ClipMin argument the diagnostic is on and the ClipMax argument of the same attribute.</summary>
    private static (AttributeArgumentSyntax Min, AttributeArgumentSyntax Max)? Bounds(SyntaxNode root, Diagnostic diagnostic)
    {
        var span = diagnostic.Location.SourceSpan;
        if (span.IsEmpty || span.End > root.FullSpan.End) return null;
        var min = root.FindNode(span, getInnermostNodeForTie: true).AncestorsAndSelf().OfType<AttributeArgumentSyntax>().FirstOrDefault();
        if (min?.NameEquals?.Name.Identifier.ValueText != "ClipMin" || min.Parent is not AttributeArgumentListSyntax list) return null;
        var max = list.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == "ClipMax");
        return max is null ? null : (min, max);
    }

    private static async Task<Document> SwapAsync(Document document, AttributeArgumentSyntax min, AttributeArgumentSyntax max, CancellationToken ct)
    {
        var root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
        if (root is null) return document;
        var swapped = root.ReplaceNodes(new[] { min.Expression, max.Expression },
            (original, _) => (original == min.Expression ? max.Expression : min.Expression).WithTriviaFrom(original));
        return document.WithSyntaxRoot(swapped);
    }
}
