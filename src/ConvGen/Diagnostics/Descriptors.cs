using Microsoft.CodeAnalysis;

namespace ConvGen.Diagnostics;

/// <summary>Every diagnostic ConvGen reports. IDs are stable; the README lists them all.</summary>
internal static class Descriptors
{
    private const string Category = "ConvGen";
    private const string HelpBase = "https://github.com/convgen/convgen#";

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + id.ToLowerInvariant());

    public static readonly DiagnosticDescriptor NotPartial = Error(
        "CONV001", "The annotated type must be partial",
        "'{0}' must be declared partial{1}: ConvGen adds the layer's members to the type and every type that contains it");

    public static readonly DiagnosticDescriptor Generic = Error(
        "CONV002", "The annotated type must not be generic",
        "'{0}' is generic or nested in a generic type; ConvGen layers must be non-generic types");

    public static readonly DiagnosticDescriptor FileLocal = Error(
        "CONV003", "The annotated type must not be file-local",
        "'{0}' is a file-local type; ConvGen cannot add members to it from another file");

    public static readonly DiagnosticDescriptor BothAttributes = Error(
        "CONV004", "Only one layer attribute per type",
        "'{0}' carries both [{1}] and [{2}]; a type holds one layer");

    public static readonly DiagnosticDescriptor NameCollision = Error(
        "CONV005", "The type already declares a member the layer generates",
        "{0}, a member name that the layer generates");

    public static readonly DiagnosticDescriptor NonPositiveSize = Error(
        "CONV006", "Layer sizes must be positive",
        "{0} must be positive, but is {1}");

    public static readonly DiagnosticDescriptor NonPositiveStep = Error(
        "CONV007", "Strides and dilations must be positive",
        "{0} must be positive, but is {1}");

    public static readonly DiagnosticDescriptor NegativePadding = Error(
        "CONV008", "Padding must not be negative",
        "{0} must not be negative, but is {1}");

    public static readonly DiagnosticDescriptor EmptyOutput = Error(
        "CONV009", "The layer's output is empty",
        "The output would be {0} ({1}); the input, padding, dilation and kernel leave no output position");

    public static readonly DiagnosticDescriptor BadGroups = Error(
        "CONV010", "Groups must divide the input and output channels",
        "Groups = {0} must be positive and divide both c = {1} and d = {2}");

    public static readonly DiagnosticDescriptor TwoForms = Error(
        "CONV011", "A property is given in two forms",
        "{0} and {1} set the same {2}; give only one of them");

    public static readonly DiagnosticDescriptor OutputPaddingTooLarge = Error(
        "CONV012", "OutputPadding must be smaller than max(stride, dilation)",
        "{0} = {1} must be smaller than max({2} = {3}, {4} = {5}) = {6}");

    public static readonly DiagnosticDescriptor NotApplicable = Error(
        "CONV013", "The property does not apply to this attribute",
        "{0} = {1} does not apply to [{2}]{3}");

    public static readonly DiagnosticDescriptor PaddingTooLargeForMode = Error(
        "CONV014", "Padding too large for the padding mode",
        "PaddingMode.{0} needs padding {1} the input {2} ({3}), but the {4} padding is {5}");

    public static readonly DiagnosticDescriptor WeightsLength = Error(
        "CONV015", "Constant weights have the wrong length",
        "Weights has {0} values, but the layer needs WeightsLength = {1} ({2})");

    public static readonly DiagnosticDescriptor WeightsNull = Error(
        "CONV016", "Weights must not be null",
        "Weights = null is not a weight array; leave Weights out to pass weights at run time");

    public static readonly DiagnosticDescriptor BadElementType = Error(
        "CONV017", "Unsupported element type",
        "ElementType = {0} is not supported; use typeof(float) or typeof(double)");

    public static readonly DiagnosticDescriptor UndefinedEnum = Error(
        "CONV018", "Undefined enum value",
        "{0} = {1} is not a defined {2} value");

    public static readonly DiagnosticDescriptor Overflow = Error(
        "CONV019", "A size of the layer overflows int",
        "{0} = {1} does not fit in an int");

    public static readonly DiagnosticDescriptor NegativeAutoPad = Error(
        "CONV020", "AutoPad needs negative padding",
        "AutoPad = {0} needs a total padding of {1} on the {2} axis; it cannot be negative");

    public static readonly DiagnosticDescriptor Unreadable = Error(
        "CONV021", "The attribute's arguments cannot be read",
        "[{0}] cannot be read: {1}");

    public static readonly DiagnosticDescriptor ActivationParameterUnused = Error(
        "CONV040", "The parameter does not apply to the activation",
        "{0} = {1} is not a parameter of ConvActivation.{2}; it belongs to {3}");

    public static readonly DiagnosticDescriptor ClipBoundsReversed = Error(
        "CONV041", "ClipMin is greater than ClipMax",
        "ClipMin = {0} is greater than ClipMax = {1}; Clip needs ClipMin ≤ ClipMax");

    public static readonly DiagnosticDescriptor ClipWithoutBounds = Error(
        "CONV042", "Clip needs a bound",
        "ConvActivation.Clip needs ClipMin, ClipMax or both; with neither it clamps nothing (use ConvActivation.None)");

    public static readonly DiagnosticDescriptor NonFiniteParameter = Error(
        "CONV043", "Activation parameters must be finite",
        "{0} = {1} is not a finite {2}");

    public static readonly DiagnosticDescriptor PoolPaddingTooLarge = Error(
        "CONV060", "Pooling padding must be at most half the kernel",
        "{0} = {1} pads the {2} side by more than half the kernel {3} ({4}/2 = {5}); a pooling window would lie wholly in the padding (PyTorch's check)");

    public static readonly DiagnosticDescriptor CeilModeWithAutoPad = Error(
        "CONV061", "CeilMode does not combine with AutoPad",
        "CeilMode = true and AutoPad = {0} both choose the output size; give explicit padding with CeilMode, or drop CeilMode");

    public static readonly DiagnosticDescriptor UnresolvedConstant = Error(
        "CONV062", "A size names a constant that cannot be resolved",
        "'{0}' cannot be resolved: {1}");

    public static readonly DiagnosticDescriptor ConstantCycle = Error(
        "CONV063", "Layer sizes that depend on themselves",
        "'{0}' depends on itself: {1}");

    public static readonly DiagnosticDescriptor OnnxFileMissing = Error(
        "CONV080", "The ONNX model is not a file of the build",
        "'{0}' is not an AdditionalFiles item of this project{1}: add <AdditionalFiles Include=\"{0}\" /> to the project file");

    public static readonly DiagnosticDescriptor OnnxUnreadable = Error(
        "CONV081", "The ONNX model cannot be read",
        "'{0}' cannot be read as an ONNX model: {1}");

    public static readonly DiagnosticDescriptor OnnxUnsupported = Error(
        "CONV082", "The ONNX model uses what ConvGen does not support",
        "'{0}': {1}");

    public static readonly DiagnosticDescriptor OnnxTooLarge = Error(
        "CONV083", "The ONNX model is larger than ConvGen generates",
        "'{0}' has {1} parameters, above ConvGen's limit of {2} per model (the generated source grows by about 20 characters per parameter)");

    public static readonly DiagnosticDescriptor OnnxAmbiguous = Error(
        "CONV084", "The model's file name matches several files",
        "'{0}' names several AdditionalFiles items ({1}); give the path relative to the project directory");

    public static readonly DiagnosticDescriptor OnnxNotConverted = Error(
        "CONV085", "ConvGen's build step did not convert the model",
        "'{0}' is an AdditionalFiles item, but ConvGen's build step (build/ConvGen.targets, imported with the package) did not convert it for the generator; a project that references ConvGen as a project must import that file");

    public static readonly DiagnosticDescriptor FullUnrollOverBudget = new(
        "CONV100", "Unroll = Full exceeds the code-size budget",
        "Unroll = Full: the layer needs {0} multiply-adds per sample in each of {1}, above the full-unroll budget of {2}; they are generated with loops and SIMD instead",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpBase + "conv100");

    public static readonly DiagnosticDescriptor MatrixTooLarge = new(
        "CONV101", "ToMatrix is not generated",
        "ToMatrix is not generated for '{0}': OutputLength·InputLength = {1} exceeds Array.MaxLength (2,147,483,591)",
        Category, DiagnosticSeverity.Info, isEnabledByDefault: true, helpLinkUri: HelpBase + "conv101");

    public static readonly DiagnosticDescriptor ForwardWithoutBias = new(
        "CONV102", "Forward takes no bias on a layer without Bias = true",
        "'{0}' has no bias, so its Forward takes none: set Bias = true on its [{1}] attribute to pass one",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpBase + "conv102");
}
