using System.Collections.Generic;
using System.Linq;
using System.Threading;
using ConvGen.Diagnostics;
using ConvGen.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ConvGen.Parsing;

/// <summary>
/// Sizes written with other layers' generated constants (<c>[MaxPool2D(Conv1.OutputChannels, Conv1.OutputHeight, …)]</c>),
/// directly or through the user's own constants, with C#'s integer arithmetic. The compiler cannot bind them in the
/// compilation the generator sees (the constants are generated), so an argument it reports as an error is evaluated
/// here from its syntax: literals, <c>+ − * / %</c>, parentheses, ordinary constants, and <c>Layer.Constant</c> read
/// from that layer's own attribute (parsed again here, recursively). In the indexed pipeline a layer's key covers the
/// declarations its attribute names (Conv1's, with its attribute), so a change to Conv1 binds the layers that use it again.
/// </summary>
internal sealed class ChainedConstants
{
    private readonly Compilation _compilation;
    private readonly ImmutableStack _visiting;
    private readonly CancellationToken _ct;

    private ChainedConstants(Compilation compilation, ImmutableStack visiting, CancellationToken ct)
    {
        _compilation = compilation;
        _visiting = visiting;
        _ct = ct;
    }

    /// <summary>The resolver for the attribute of <paramref name="type"/> (which counts as being resolved: a reference back to it is a cycle).</summary>
    public static ChainedConstants For(INamedTypeSymbol type, Compilation compilation, CancellationToken ct) =>
        new(compilation, new ImmutableStack(null, type), ct);

    private static string Name(ISymbol symbol) => symbol.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat);

    /// <summary>An evaluation: a value, or an error message for CONV062/CONV063/CONV019, or neither (not an expression
    /// this resolver reads: the compiler's own error stands).</summary>
    public readonly record struct Result(long? Value, DiagnosticDescriptor? Error, string[]? Arguments)
    {
        public static Result Unknown => default;

        public static Result Of(long value) => new(value, null, null);

        public static Result Fail(DiagnosticDescriptor d, params string[] args) => new(null, d, args);
    }

    public Result Evaluate(ExpressionSyntax expression)
    {
        _ct.ThrowIfCancellationRequested();
        var model = _compilation.GetSemanticModel(expression.SyntaxTree);
        if (model.GetConstantValue(expression, _ct) is { HasValue: true, Value: int known })
            return Result.Of(known);
        switch (expression)
        {
            case ParenthesizedExpressionSyntax p:
                return Evaluate(p.Expression);
            case CheckedExpressionSyntax c:
                return Evaluate(c.Expression);
            case PrefixUnaryExpressionSyntax u when u.IsKind(SyntaxKind.UnaryMinusExpression) || u.IsKind(SyntaxKind.UnaryPlusExpression):
            {
                var operand = Evaluate(u.Operand);
                return operand.Value is { } v ? Checked(expression, u.IsKind(SyntaxKind.UnaryMinusExpression) ? -v : v) : operand;
            }

            case BinaryExpressionSyntax b:
                return Binary(b);
            case MemberAccessExpressionSyntax or IdentifierNameSyntax:
                return Name(expression, model);
            default:
                return Result.Unknown;
        }
    }

    /// <summary>A named argument of another type (bool, enum, double, typeof, array of numbers, null), read from its
    /// syntax where the compiler bound no constructor; null where it has no constant value.</summary>
    public object? Read(ExpressionSyntax expression)
    {
        var model = _compilation.GetSemanticModel(expression.SyntaxTree);
        switch (expression)
        {
            case TypeOfExpressionSyntax typeOf:
                return model.GetTypeInfo(typeOf.Type, _ct).Type;
            case ArrayCreationExpressionSyntax { Initializer: { } init }:
                return Numbers(init.Expressions, model);
            case ImplicitArrayCreationExpressionSyntax { Initializer: { } implicitInit }:
                return Numbers(implicitInit.Expressions, model);
            case CollectionExpressionSyntax collection:
                return Numbers(collection.Elements.OfType<ExpressionElementSyntax>().Select(e => e.Expression), model);
        }

        var constant = model.GetConstantValue(expression, _ct);
        return constant.HasValue ? constant.Value : null;
    }

    private double[] Numbers(IEnumerable<ExpressionSyntax> expressions, SemanticModel model) =>
        expressions.Select(e => model.GetConstantValue(e, _ct) is { HasValue: true, Value: { } v } ? System.Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture) : 0d).ToArray();

    private Result Binary(BinaryExpressionSyntax b)
    {
        var left = Evaluate(b.Left);
        if (left.Value is not { } l) return left;
        var right = Evaluate(b.Right);
        if (right.Value is not { } r) return right;
        switch (b.Kind())
        {
            case SyntaxKind.AddExpression: return Checked(b, l + r);
            case SyntaxKind.SubtractExpression: return Checked(b, l - r);
            case SyntaxKind.MultiplyExpression: return Checked(b, l * r);
            case SyntaxKind.DivideExpression when r != 0: return Checked(b, l / r);
            case SyntaxKind.ModuloExpression when r != 0: return Checked(b, l % r);
            default: return Result.Unknown; // division by zero and other operators: the compiler's error stands
        }
    }

    /// <summary>C#'s constant int arithmetic overflows at compile time: CONV019, naming the expression.</summary>
    private static Result Checked(ExpressionSyntax expression, long value) =>
        value is >= int.MinValue and <= int.MaxValue ? Result.Of(value) : Result.Fail(Descriptors.Overflow, expression.ToString(), value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private Result Name(ExpressionSyntax expression, SemanticModel model)
    {
        var symbol = model.GetSymbolInfo(expression, _ct).Symbol;
        if (symbol is IFieldSymbol { IsConst: true } field)
            return Constant(field);
        if (symbol is not null || expression is not MemberAccessExpressionSyntax access)
            return Result.Unknown;

        // Layer.Constant: the member does not exist yet (it is generated); the type does.
        if (model.GetSymbolInfo(access.Expression, _ct).Symbol is not INamedTypeSymbol type)
            return Result.Unknown;
        var member = access.Name.Identifier.ValueText;
        foreach (var attribute in type.GetAttributes())
        {
            var kind = LayerKindInfo.All.FirstOrDefault(k => TargetParser.IsConvGenAttribute(attribute.AttributeClass, k.ClassName));
            if (kind is null) continue;
            var text = expression.ToString();
            if (!TargetParser.ConstantNames(kind).Contains(member))
                return Result.Fail(Descriptors.UnresolvedConstant, text, $"[{kind.Name}] generates no constant '{member}' (it generates {string.Join(", ", TargetParser.ConstantNames(kind))})");
            if (_visiting.Contains(type))
                return Result.Fail(Descriptors.ConstantCycle, text, _visiting.Chain(type));
            var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(_ct) as AttributeSyntax;
            var nested = new ChainedConstants(_compilation, new ImmutableStack(_visiting, type), _ct);
            var args = new AttributeArguments(attribute, syntax, kind, nested);
            if (args.ResolutionError is { } inner)
                return new Result(null, inner.Descriptor, inner.Arguments.ToArray());
            var layer = SpecParser.Parse(args, kind.Kind, new List<DiagnosticInfo>());
            return layer is null
                ? Result.Fail(Descriptors.UnresolvedConstant, text, $"'{Name(type)}' is not a valid layer (its [{kind.Name}] attribute has errors of its own)")
                : Result.Of(ConstantOf(layer, member));
        }

        return Result.Fail(Descriptors.UnresolvedConstant, expression.ToString(), $"'{Name(type)}' has no '{member}' and carries no ConvGen layer attribute that would generate it");
    }

    /// <summary>A user constant whose value the compiler could not compute (it uses a generated constant): its initializer.</summary>
    private Result Constant(IFieldSymbol field)
    {
        if (field.HasConstantValue)
            return field.ConstantValue is int i ? Result.Of(i) : Result.Unknown;
        if (_visiting.Contains(field))
            return Result.Fail(Descriptors.ConstantCycle, Name(field), _visiting.Chain(field));
        if (field.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(_ct) is not VariableDeclaratorSyntax { Initializer.Value: { } value })
            return Result.Unknown;
        return new ChainedConstants(_compilation, new ImmutableStack(_visiting, field), _ct).Evaluate(value);
    }

    /// <summary>The value of a generated constant of <paramref name="layer"/> (a name <see cref="TargetParser.ConstantNames"/> lists).</summary>
    public static long ConstantOf(Layer layer, string name)
    {
        var axes = layer.Info.Axes;
        for (var i = 0; i < axes.Length; i++)
        {
            if (name == "Input" + axes[i].Noun) return layer.Axes[i].Size;
            if (name == "Output" + axes[i].Noun) return layer.OutputSize(i);
            if (name == "Kernel" + axes[i].KernelNoun) return layer.Axes[i].Kernel;
        }

        return name switch
        {
            "InputChannels" => layer.C,
            "OutputChannels" => layer.D,
            "InputLength" => layer.Info.IsLinear ? layer.C : layer.InputLength,
            "OutputLength" => layer.Info.IsLinear ? layer.D : layer.OutputLength,
            "WeightsLength" => layer.WeightsLength,
            _ => layer.BiasLength,
        };
    }

    /// <summary>The layers and constants being resolved, innermost last: a persistent list, shared by the nested
    /// resolvers. Symbols, formatted only for a cycle's message (the transform runs whenever a layer is bound again).</summary>
    private sealed class ImmutableStack
    {
        private readonly ImmutableStack? _outer;
        private readonly ISymbol _symbol;

        public ImmutableStack(ImmutableStack? outer, ISymbol symbol)
        {
            _outer = outer;
            _symbol = symbol;
        }

        public bool Contains(ISymbol symbol) => SymbolEqualityComparer.Default.Equals(_symbol, symbol) || (_outer?.Contains(symbol) ?? false);

        /// <summary>"A → B → Sizes.D → A": the symbols outermost first, then <paramref name="last"/>.</summary>
        public string Chain(ISymbol last) => string.Join(" → ", Symbols().Concat(new[] { last }).Select(Name));

        private IEnumerable<ISymbol> Symbols() => (_outer?.Symbols() ?? Enumerable.Empty<ISymbol>()).Concat(new[] { _symbol });
    }
}
