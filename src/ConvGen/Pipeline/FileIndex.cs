using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace ConvGen.Pipeline;

/// <summary>
/// One declaration of a file by its simple name: a namespace, a type (without its members), a member or an enum
/// member. Its hash covers its tokens (so its active code after preprocessing), its container, the using directives
/// in scope and whatever it contains except nested declarations and bodies; <see cref="References"/> are the
/// identifiers those use. Both are computed on first use: only the declarations some layer can see are ever read.
/// </summary>
internal sealed class NamedDeclaration : LazyHash
{
    private readonly SyntaxNode? _node;
    private readonly string _container;
    private readonly Scope? _scope;

    /// <summary>A declaration known by its hash alone (a namespace, top-level statements).</summary>
    public NamedDeclaration(string name, Hash128 hash, bool isNamespace)
        : base(hash)
    {
        Name = name;
        _container = "";
        IsNamespace = isNamespace;
    }

    public NamedDeclaration(string name, string container, SyntaxNode node, Scope scope, string? containingType)
    {
        Name = name;
        _container = container;
        _node = node;
        _scope = scope;
        ContainingType = containingType;
    }

    public string Name { get; }

    /// <summary>The simple name of the type it is a member of (null at namespace level).</summary>
    public string? ContainingType { get; }

    /// <summary>A namespace: declaring it in one more file changes nothing a name binds to.</summary>
    public bool IsNamespace { get; }

    protected override void Compute(ref Hash128 hash, HashSet<string> references)
    {
        hash.Add(_container);
        hash.Add(_scope!.Hash);
        references.UnionWith(_scope.References);
        HashOwn(_node!, ref hash, references);
    }

    /// <summary>The node's tokens, but not those of nested declarations (declarations of their own) or bodies
    /// (only that there is one), collecting the identifiers used.</summary>
    private static void HashOwn(SyntaxNode node, ref Hash128 hash, HashSet<string> references)
    {
        var stack = new Stack<ChildSyntaxList.Enumerator>();
        stack.Push(node.ChildNodesAndTokens().GetEnumerator());
        while (stack.Count > 0)
        {
            var children = stack.Pop();
            if (!children.MoveNext()) continue;
            var child = children.Current;
            stack.Push(children);
            if (child.IsToken)
            {
                var token = child.AsToken();
                hash.Add(token.RawKind);
                hash.Add(token.Text);
                if (AttributeNames.IsLookedUp(token)) references.Add(token.ValueText);
            }
            else if (child.AsNode() is { } inner)
            {
                if (inner is AttributeSyntax attribute) FileIndex.AddAttributeName(attribute, references);
                if (inner is MemberDeclarationSyntax or EnumMemberDeclarationSyntax || FileIndex.IsBody(inner))
                    hash.Add(-inner.RawKind);
                else
                    stack.Push(inner.ChildNodesAndTokens().GetEnumerator());
            }
        }
    }
}

/// <summary>
/// A hash and the names it covers, computed on first use. Two threads may both compute them; they get the same
/// values, and the hash is written before the names publish it.
/// </summary>
internal abstract class LazyHash
{
    private Hash128 _hash;
    private string[]? _references;

    protected LazyHash()
    {
    }

    /// <summary>Known at once, and naming nothing.</summary>
    protected LazyHash(Hash128 hash)
    {
        _hash = hash;
        _references = Array.Empty<string>();
    }

    public Hash128 Hash
    {
        get
        {
            Read();
            return _hash;
        }
    }

    public string[] References
    {
        get
        {
            Read();
            return _references!;
        }
    }

    protected abstract void Compute(ref Hash128 hash, HashSet<string> references);

    private void Read()
    {
        if (Volatile.Read(ref _references) is not null) return;
        var hash = new Hash128();
        var references = new HashSet<string>(StringComparer.Ordinal);
        Compute(ref hash, references);
        _hash = hash;
        Volatile.Write(ref _references, references.ToArray());
    }
}

/// <summary>
/// The using directives and extern aliases in scope at a declaration (its file's, its namespaces'): what its own
/// names bind through. Part of every declaration's hash, and their names of its references.
/// </summary>
internal sealed class Scope
{
    private Scope(Hash128 hash, string[] references)
    {
        Hash = hash;
        References = references;
    }

    public Hash128 Hash { get; }

    public string[] References { get; }

    public static Scope Of(SyntaxList<ExternAliasDirectiveSyntax> externs, SyntaxList<UsingDirectiveSyntax> usings, Scope? outer)
    {
        var hash = new Hash128();
        var references = new HashSet<string>(StringComparer.Ordinal);
        if (outer is not null)
        {
            hash.Add(outer.Hash);
            references.UnionWith(outer.References);
        }

        foreach (var alias in externs) FileIndex.HashAll(alias, ref hash, references);
        foreach (var directive in usings) FileIndex.HashAll(directive, ref hash, references);
        return new Scope(hash, references.ToArray());
    }
}

/// <summary>
/// What a file declares, as far as binding elsewhere can tell: its named declarations, and a hash of what affects
/// every file (global usings, extern aliases, assembly and module attributes). It is equal from one version of the
/// file to the next when the text outside member bodies is (and the parse options are): an edit inside a body
/// leaves it equal, so everything downstream stays cached, and the declarations themselves are only read when a
/// layer's key needs them.
/// </summary>
internal sealed class FileIndex : IEquatable<FileIndex>
{
    private FileIndex(Hash128 global, string[] globalReferences, Hash128 outline, ImmutableArray<NamedDeclaration> declarations)
    {
        Global = global;
        GlobalReferences = globalReferences;
        Outline = outline;
        Declarations = declarations;
    }

    public static FileIndex Empty { get; } = new(new Hash128(), Array.Empty<string>(), new Hash128(), ImmutableArray<NamedDeclaration>.Empty);

    public Hash128 Global { get; }

    /// <summary>The identifiers the global parts use (what a global alias or using names, say): every layer looks
    /// them up.</summary>
    public string[] GlobalReferences { get; }

    /// <summary>The file's text outside member bodies and top-level statements, with its parse options.</summary>
    public Hash128 Outline { get; }

    public ImmutableArray<NamedDeclaration> Declarations { get; }

    public bool Equals(FileIndex? other) => other is not null && Outline.Equals(other.Outline) && Global.Equals(other.Global);

    public override bool Equals(object? obj) => Equals(obj as FileIndex);

    public override int GetHashCode() => Outline.GetHashCode();

    public static FileIndex Read(CompilationUnitSyntax root, CancellationToken ct)
    {
        var global = new Hash128();
        var references = new HashSet<string>(StringComparer.Ordinal);
        foreach (var alias in root.Externs) HashAll(alias, ref global, references);
        foreach (var directive in root.Usings)
            if (directive.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword))
                HashAll(directive, ref global, references);
        foreach (var list in root.AttributeLists) HashAll(list, ref global, references);

        var reader = new Reader(ct);
        reader.Members(root.Members, "", Scope.Of(root.Externs, root.Usings, null), null);
        return new FileIndex(global, references.ToArray(), OutlineOf(root, reader.Bodies, ct), reader.Declarations.ToImmutable());
    }

    /// <summary>The text of <paramref name="root"/> outside <paramref name="bodies"/> (in order), and the options it
    /// was parsed with (preprocessor symbols decide which of that text is code).</summary>
    private static Hash128 OutlineOf(CompilationUnitSyntax root, List<TextSpan> bodies, CancellationToken ct)
    {
        var hash = new Hash128();
        if (root.SyntaxTree.Options is CSharpParseOptions options)
        {
            hash.Add((int)options.LanguageVersion);
            hash.Add((int)options.Kind);
            foreach (var symbol in options.PreprocessorSymbolNames) hash.Add(symbol);
        }

        var text = root.SyntaxTree.GetText(ct);
        var buffer = new char[4096];
        var at = root.FullSpan.Start;
        foreach (var body in bodies.Append(new TextSpan(root.FullSpan.End, 0)))
        {
            for (var start = at; start < body.Start; start += buffer.Length)
            {
                var length = Math.Min(buffer.Length, body.Start - start);
                text.CopyTo(start, buffer, 0, length);
                for (var i = 0; i < length; i++) hash.Add(buffer[i]);
            }

            hash.Add(-1); // a body was here
            at = body.End;
            ct.ThrowIfCancellationRequested();
        }

        return hash;
    }

    /// <summary>Binding <c>[X]</c> looks up <c>XAttribute</c> too.</summary>
    internal static void AddAttributeName(AttributeSyntax attribute, HashSet<string> references) =>
        references.Add(AttributeNames.RightmostName(attribute.Name) + "Attribute");

    internal static void HashAll(SyntaxNode node, ref Hash128 hash, HashSet<string> references)
    {
        foreach (var attribute in node.DescendantNodesAndSelf().OfType<AttributeSyntax>())
            AddAttributeName(attribute, references);
        foreach (var token in node.DescendantTokens())
        {
            hash.Add(token.RawKind);
            hash.Add(token.Text);
            if (AttributeNames.IsLookedUp(token)) references.Add(token.ValueText);
        }
    }

    /// <summary>Code that no declaration outside it can refer to.</summary>
    internal static bool IsBody(SyntaxNode node) => node switch
    {
        BlockSyntax { Parent: BaseMethodDeclarationSyntax or AccessorDeclarationSyntax } => true,
        ArrowExpressionClauseSyntax { Parent: BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or BasePropertyDeclarationSyntax } => true,
        _ => false,
    };

    /// <summary>Walks namespaces, types and members (never into a member): declarations by name, and the bodies.</summary>
    private sealed class Reader
    {
        private readonly CancellationToken _ct;

        public Reader(CancellationToken ct) => _ct = ct;

        public ImmutableArray<NamedDeclaration>.Builder Declarations { get; } = ImmutableArray.CreateBuilder<NamedDeclaration>();

        public List<TextSpan> Bodies { get; } = new();

        public void Members(SyntaxList<MemberDeclarationSyntax> members, string container, Scope scope, string? owner)
        {
            foreach (var member in members)
            {
                _ct.ThrowIfCancellationRequested();
                switch (member)
                {
                    case BaseNamespaceDeclarationSyntax ns:
                        var name = ns.Name.ToString();
                        var full = container.Length == 0 ? name : container + "." + name;
                        var hash = new Hash128();
                        hash.Add("namespace " + full);
                        foreach (var part in name.Split('.'))
                            Declarations.Add(new NamedDeclaration(part.Trim(), hash, isNamespace: true));
                        Members(ns.Members, full, Scope.Of(ns.Externs, ns.Usings, scope), null);
                        break;
                    case BaseTypeDeclarationSyntax type:
                        var typeName = type.Identifier.ValueText;
                        Declarations.Add(new NamedDeclaration(typeName, container, type, scope, owner));
                        var inner = container + "." + typeName + (type is TypeDeclarationSyntax { TypeParameterList: { } parameters } ? "`" + parameters.Parameters.Count : "");
                        if (type is TypeDeclarationSyntax withMembers)
                            Members(withMembers.Members, inner, scope, typeName);
                        else if (type is EnumDeclarationSyntax enumeration)
                            foreach (var value in enumeration.Members)
                                Declarations.Add(new NamedDeclaration(value.Identifier.ValueText, inner, value, scope, typeName));
                        break;
                    case BaseFieldDeclarationSyntax field:
                        foreach (var variable in field.Declaration.Variables)
                            Declarations.Add(new NamedDeclaration(variable.Identifier.ValueText, container, field, scope, owner));
                        break;
                    case GlobalStatementSyntax statement:
                        // Top-level statements declare Program; what they say is a body.
                        var program = new Hash128();
                        program.Add("top-level statements");
                        Declarations.Add(new NamedDeclaration("Program", program, isNamespace: false));
                        Bodies.Add(statement.FullSpan);
                        break;
                    default:
                        // Methods, properties, events, indexers and delegates by name; constructors, finalizers,
                        // operators, conversions and incomplete members by kind (no attribute argument names them).
                        Declarations.Add(new NamedDeclaration(NameOf(member), container, member, scope, owner));
                        AddBodies(member);
                        break;
                }
            }
        }

        private void AddBodies(MemberDeclarationSyntax member)
        {
            switch (member)
            {
                case BaseMethodDeclarationSyntax method:
                    AddBody(method.Body);
                    AddBody(method.ExpressionBody);
                    break;
                case BasePropertyDeclarationSyntax property:
                    if (property is PropertyDeclarationSyntax { ExpressionBody: { } arrow }) AddBody(arrow);
                    if (property is IndexerDeclarationSyntax { ExpressionBody: { } indexerArrow }) AddBody(indexerArrow);
                    if (property.AccessorList is { } accessors)
                        foreach (var accessor in accessors.Accessors)
                        {
                            AddBody(accessor.Body);
                            AddBody(accessor.ExpressionBody);
                        }

                    break;
            }
        }

        private void AddBody(SyntaxNode? body)
        {
            if (body is not null) Bodies.Add(body.Span);
        }

        private static string NameOf(MemberDeclarationSyntax member) => member switch
        {
            DelegateDeclarationSyntax d => d.Identifier.ValueText,
            MethodDeclarationSyntax m => m.Identifier.ValueText,
            PropertyDeclarationSyntax p => p.Identifier.ValueText,
            EventDeclarationSyntax e => e.Identifier.ValueText,
            IndexerDeclarationSyntax => "this[]",
            _ => "<" + member.Kind() + ">",
        };
    }
}
