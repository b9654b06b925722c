using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ConvGen.Diagnostics;
using ConvGen.Model;
using ConvGen.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ConvGen.CodeFixes;

/// <summary>
/// CONV011 (two forms of one property) → one action per form: "Remove 'StrideH'" or "Remove 'Stride'";
/// "Remove 'PaddingTop' and 'PaddingBottom'" or "Remove 'Padding'"; "Remove 'Padding'" (every explicit padding) or
/// "Remove 'AutoPad'". CONV016 → "Remove 'Weights = null'". CONV040 (a parameter the activation does not take) →
/// "Remove 'ClipMax'".
/// </summary>
/// <remarks>
/// Which two forms a CONV011 is about comes from the generator's own attribute parser, run on the attribute the
/// diagnostic points into: the diagnostic's location is the argument of the second form.
/// </remarks>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveArgumentCodeFixProvider)), Shared]
public sealed class RemoveArgumentCodeFixProvider : CodeFixProvider
{
    /// <summary>The prefix of every equivalence key; the removed argument names follow, so fix-all removes the same names everywhere.</summary>
    public const string EquivalenceKeyPrefix = "ConvGen.RemoveArguments:";

    private static readonly string[] ExplicitPadding =
        { "Padding", "PaddingT", "PaddingH", "PaddingW", "PaddingFront", "PaddingBack", "PaddingTop", "PaddingBottom", "PaddingLeft", "PaddingRight" };

    /// <summary>The one-sided padding pairs of every axis (the attribute table's).</summary>
    private static readonly string[][] SideGroups =
        { new[] { "PaddingFront", "PaddingBack" }, new[] { "PaddingTop", "PaddingBottom" }, new[] { "PaddingLeft", "PaddingRight" } };

    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(Descriptors.TwoForms.Id, Descriptors.WeightsNull.Id, Descriptors.ActivationParameterUnused.Id);

    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllAsync);

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            foreach (var removal in await RemovalsAsync(context.Document, diagnostic, context.CancellationToken).ConfigureAwait(false))
            {
                var document = context.Document;
                context.RegisterCodeFix(
                    CodeAction.Create(removal.Title, ct => ArgumentRemoval.RemoveAsync(document, removal.Arguments, ct), removal.EquivalenceKey),
                    diagnostic);
            }
        }
    }

    private static async Task<Document?> FixAllAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
    {
        var arguments = new HashSet<AttributeArgumentSyntax>();
        foreach (var diagnostic in diagnostics)
        {
            foreach (var removal in await RemovalsAsync(document, diagnostic, context.CancellationToken).ConfigureAwait(false))
            {
                if (removal.EquivalenceKey == context.CodeActionEquivalenceKey)
                    arguments.UnionWith(removal.Arguments);
            }
        }

        return arguments.Count == 0 ? null : await ArgumentRemoval.RemoveAsync(document, arguments, context.CancellationToken).ConfigureAwait(false);
    }

    private sealed record Removal(string Title, string EquivalenceKey, IReadOnlyList<AttributeArgumentSyntax> Arguments);

    private static async Task<IReadOnlyList<Removal>> RemovalsAsync(Document document, Diagnostic diagnostic, CancellationToken ct)
    {
        var none = new Removal[0];
        var root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
        var span = diagnostic.Location.SourceSpan;
        if (root is null || span.IsEmpty || span.End > root.FullSpan.End) return none;

        var located = root.FindNode(span, getInnermostNodeForTie: true).AncestorsAndSelf().OfType<AttributeArgumentSyntax>().FirstOrDefault();
        if (located?.Parent?.Parent is not AttributeSyntax attribute || located.NameEquals is null) return none;

        // The named arguments as written (a property can be named twice, CS0643: the first one is the one that counts).
        var named = new Dictionary<string, AttributeArgumentSyntax>();
        foreach (var argument in attribute.ArgumentList!.Arguments)
        {
            if (argument.NameEquals is { } ne && !named.ContainsKey(ne.Name.Identifier.ValueText))
                named.Add(ne.Name.Identifier.ValueText, argument);
        }

        Removal Remove(IEnumerable<string> names, string? title = null)
        {
            var given = names.Where(named.ContainsKey).ToArray();
            return new Removal(title ?? "Remove " + Titles.Quoted(given), EquivalenceKeyPrefix + string.Join(",", given),
                given.Select(n => named[n]).ToArray());
        }

        if (diagnostic.Id == Descriptors.WeightsNull.Id)
            return located.NameEquals.Name.Identifier.ValueText == "Weights"
                ? new[] { Remove(new[] { "Weights" }, "Remove 'Weights = null'") }
                : none;

        // The diagnostic is on the parameter's own argument.
        if (diagnostic.Id == Descriptors.ActivationParameterUnused.Id)
            return new[] { Remove(new[] { located.NameEquals.Name.Identifier.ValueText }) };

        var forms = await FormsAsync(document, attribute, span, ct).ConfigureAwait(false);
        if (forms is not var (first, second)) return none;

        // The form the diagnostic is on first: it is most often the one just typed.
        return first == "AutoPad"
            ? new[] { Remove(ExplicitPadding), Remove(new[] { first }) }
            : new[] { Remove(Form(second)), Remove(Form(first)) };
    }

    /// <summary>The arguments one form consists of: both sides for a side padding, the name itself otherwise.</summary>
    private static IEnumerable<string> Form(string name) =>
        SideGroups.FirstOrDefault(g => g.Contains(name)) ?? new[] { name };

    /// <summary>The two forms of the CONV011 at <paramref name="span"/>, as the generator's parser finds them.</summary>
    private static async Task<(string First, string Second)?> FormsAsync(Document document, AttributeSyntax attribute, Microsoft.CodeAnalysis.Text.TextSpan span, CancellationToken ct)
    {
        if (attribute.Parent?.Parent is not TypeDeclarationSyntax declaration) return null;
        var model = await document.GetSemanticModelAsync(ct).ConfigureAwait(false);
        if (model?.GetDeclaredSymbol(declaration, ct) is not INamedTypeSymbol type) return null;

        var data = type.GetAttributes().FirstOrDefault(a =>
            a.ApplicationSyntaxReference is { } r && r.SyntaxTree == attribute.SyntaxTree && r.Span == attribute.Span);
        var name = data?.AttributeClass?.ToDisplayString();
        var kind = LayerKindInfo.All.FirstOrDefault(k => k.MetadataName == name);
        if (data is null || kind is null) return null;

        var diagnostics = new List<DiagnosticInfo>();
        SpecParser.Parse(new AttributeArguments(data, attribute, kind), kind.Kind, diagnostics);
        var match = diagnostics.FirstOrDefault(d => d.Descriptor == Descriptors.TwoForms && d.Location?.Span == span);
        return match is null || match.Arguments.Count < 2 ? null : (match.Arguments[0], match.Arguments[1]);
    }
}
