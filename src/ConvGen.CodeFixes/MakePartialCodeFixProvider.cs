using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ConvGen.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ConvGen.CodeFixes;

/// <summary>
/// CONV001 → "Make 'X' partial": adds <c>partial</c> to the annotated type and to every containing type that lacks it,
/// on each of their declarations that lacks it (in whatever file), as the last modifier (<c>public static partial class</c>),
/// keeping comments and layout.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakePartialCodeFixProvider)), Shared]
public sealed class MakePartialCodeFixProvider : CodeFixProvider
{
    /// <summary>One key for every instance of the fix: fix-all makes every reported type partial.</summary>
    public const string EquivalenceKey = "ConvGen.MakePartial";

    private static readonly SymbolDisplayFormat Display = SymbolDisplayFormat.CSharpShortErrorMessageFormat;

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.NotPartial.Id);

    public override FixAllProvider GetFixAllProvider() => FixAll.Instance;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            var types = await TypesToFixAsync(context.Document, diagnostic, context.CancellationToken).ConfigureAwait(false);
            if (types.Count == 0) continue;

            var title = "Make " + Titles.Quoted(types.Select(t => t.ToDisplayString(Display))) + " partial";
            var solution = context.Document.Project.Solution;
            var declarations = Declarations(types, context.CancellationToken);
            context.RegisterCodeFix(
                CodeAction.Create(title, ct => AddPartialAsync(solution, declarations, ct), EquivalenceKey),
                diagnostic);
        }
    }

    /// <summary>The annotated type and its containing types (outermost first) that have a declaration without <c>partial</c>.</summary>
    private static async Task<IReadOnlyList<INamedTypeSymbol>> TypesToFixAsync(Document document, Diagnostic diagnostic, CancellationToken ct)
    {
        var root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
        var span = diagnostic.Location.SourceSpan;
        if (root is null || span.IsEmpty || span.End > root.FullSpan.End) return new INamedTypeSymbol[0];

        // The diagnostic is on the attribute; the annotated type is the declaration the attribute belongs to.
        var declaration = root.FindNode(span, getInnermostNodeForTie: true)
            .AncestorsAndSelf().OfType<AttributeSyntax>().FirstOrDefault()?
            .Parent?.Parent as TypeDeclarationSyntax;
        if (declaration is null) return new INamedTypeSymbol[0];

        var model = await document.GetSemanticModelAsync(ct).ConfigureAwait(false);
        if (model?.GetDeclaredSymbol(declaration, ct) is not INamedTypeSymbol type) return new INamedTypeSymbol[0];

        var types = new List<INamedTypeSymbol>();
        for (var t = type; t is not null; t = t.ContainingType)
        {
            if (t.DeclaringSyntaxReferences.Any(r => r.GetSyntax(ct) is TypeDeclarationSyntax d && !IsPartial(d)))
                types.Insert(0, t);
        }

        return types;
    }

    /// <summary>Every declaration of <paramref name="types"/> that lacks <c>partial</c> (C# wants it on all of a split type's declarations).</summary>
    private static IReadOnlyList<TypeDeclarationSyntax> Declarations(IEnumerable<INamedTypeSymbol> types, CancellationToken ct) =>
        types.SelectMany(t => t.DeclaringSyntaxReferences)
            .Select(r => r.GetSyntax(ct))
            .OfType<TypeDeclarationSyntax>()
            .Where(d => !IsPartial(d))
            .Distinct()
            .ToArray();

    private static bool IsPartial(TypeDeclarationSyntax declaration) => declaration.Modifiers.Any(SyntaxKind.PartialKeyword);

    private static async Task<Solution> AddPartialAsync(Solution solution, IEnumerable<TypeDeclarationSyntax> declarations, CancellationToken ct)
    {
        foreach (var group in declarations.GroupBy(d => d.SyntaxTree))
        {
            var document = solution.GetDocument(group.Key);
            if (document is null) continue; // generated or not in this solution
            var root = await group.Key.GetRootAsync(ct).ConfigureAwait(false);
            var fixedRoot = root.ReplaceNodes(group, (_, rewritten) => AddPartial(rewritten));
            solution = solution.WithDocumentSyntaxRoot(document.Id, fixedRoot);
        }

        return solution;
    }

    /// <summary>
    /// <c>partial</c> right before the <c>class</c>/<c>struct</c>/<c>record</c>/<c>interface</c> keyword, where C# wants it:
    /// it takes over the keyword's leading trivia (indentation, or the doc comment of a declaration without modifiers).
    /// </summary>
    internal static TypeDeclarationSyntax AddPartial(TypeDeclarationSyntax declaration)
    {
        if (IsPartial(declaration)) return declaration;
        var keyword = declaration.Keyword;
        var partial = SyntaxFactory.Token(keyword.LeadingTrivia, SyntaxKind.PartialKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
        return declaration
            .WithKeyword(keyword.WithLeadingTrivia(SyntaxFactory.TriviaList()))
            .WithModifiers(declaration.Modifiers.Add(partial));
    }

    /// <summary>Fix-all: every type of every diagnostic in scope, each declaration edited once.</summary>
    private sealed class FixAll : FixAllProvider
    {
        public static readonly FixAll Instance = new();

        public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() =>
            new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

        public override async Task<CodeAction?> GetFixAsync(FixAllContext context)
        {
            var declarations = new List<TypeDeclarationSyntax>();
            foreach (var (document, diagnostics) in await FixAllDiagnostics.CollectAsync(context).ConfigureAwait(false))
            {
                foreach (var diagnostic in diagnostics)
                {
                    var types = await TypesToFixAsync(document, diagnostic, context.CancellationToken).ConfigureAwait(false);
                    declarations.AddRange(Declarations(types, context.CancellationToken));
                }
            }

            if (declarations.Count == 0) return null;
            var solution = context.Solution;
            var distinct = declarations.Distinct().ToArray();
            return CodeAction.Create("Make the annotated types partial", ct => AddPartialAsync(solution, distinct, ct), EquivalenceKey);
        }
    }
}
