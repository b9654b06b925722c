using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text;
using ConvGen.Diagnostics;
using ConvGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ConvGen.Tests;

/// <summary>
/// Every CONV id fires where it should: on the offending argument where the problem is one argument's, on the
/// attribute otherwise, with a message that names the values; valid code gets none; malformed code never
/// crashes the generator.
/// </summary>
public sealed class DiagnosticsTests
{
    private const string Prelude = "using ConvGen;\n\n";

    /// <summary>An attribute (with a marked span) on a plain static partial class.</summary>
    private static string On(string attribute) => $"[{attribute}]\npublic static partial class L;\n";

    /// <summary>(source with the expected span marked as [|…|], expected id, a fragment of the expected message).</summary>
    public static readonly TheoryData<string, string, string> Errors = new()
    {
        // CONV001: not partial, or a containing type not partial. On the attribute.
        { "[[|Conv2D(1, 4, 4, 1, 3, 3)|]]\npublic static class L { }", "CONV001", "'L' must be declared partial" },
        { "[[|Conv2D(1, 4, 4, 1, 3, 3)|]]\npublic record R;", "CONV001", "'R' must be declared partial" },
        { "public class Outer\n{\n    [[|Conv2D(1, 4, 4, 1, 3, 3)|]]\n    public static partial class L { }\n}", "CONV001", "Outer" },

        // CONV002: generic, or nested in a generic type.
        { "[[|Conv2D(1, 4, 4, 1, 3, 3)|]]\npublic partial class G<T> { }", "CONV002", "'G<T>' is generic" },
        { "public partial class Outer<T>\n{\n    [[|Conv2D(1, 4, 4, 1, 3, 3)|]]\n    public static partial class L { }\n}", "CONV002", "'Outer<T>.L'" },

        // CONV003: file-local.
        { "[[|Conv2D(1, 4, 4, 1, 3, 3)|]]\nfile static partial class L { }", "CONV003", "'L' is a file-local type" },

        // CONV004: both attributes, reported once, on [Conv2D], whichever comes first.
        { "[[|Conv2D(1, 4, 4, 1, 3, 3)|]]\n[ConvTranspose2D(1, 4, 4, 1, 3, 3)]\npublic static partial class L;", "CONV004", "'L' carries both" },
        { "[ConvTranspose2D(1, 4, 4, 1, 3, 3)]\n[[|Conv2D(1, 4, 4, 1, 3, 3)|]]\npublic static partial class L;", "CONV004", "'L' carries both" },
        { "[Linear(4, 3)]\n[[|Conv1D(1, 4, 1, 3)|]]\npublic static partial class L;", "CONV004", "'L' carries both [Conv1D] and [Linear]" },

        // CONV005: a member the layer generates is already declared, or is the type's own name.
        { "[[|Conv2D(1, 4, 4, 1, 3, 3)|]]\npublic static partial class L { public static void Forward() { } }", "CONV005", "'L' already declares 'Forward'" },
        { "[[|Conv2D(1, 4, 4, 1, 3, 3)|]]\npublic static partial class L { }\npublic static partial class L { public const int BiasLength = 0; }", "CONV005", "'BiasLength'" },
        { "[[|Conv2D(1, 4, 4, 1, 3, 3)|]]\npublic partial record R(int InputLength);", "CONV005", "'InputLength'" },
        { "[[|Conv2D(1, 4, 4, 1, 3, 3)|]]\npublic static partial class L { private static class ConvGenKernels { } }", "CONV005", "'ConvGenKernels'" },
        { "[[|Conv2D(1, 4, 4, 1, 3, 3)|]]\npublic partial class L { public sealed class Transpose { } }", "CONV005", "'Transpose'" },
        { "[[|Conv2D(1, 4, 4, 1, 3, 3)|]]\npublic partial class L { public delegate void ToMatrix(); }", "CONV005", "'ToMatrix'" },
        { "[[|Conv2D(1, 4, 4, 1, 3, 3)|]]\npublic static partial class Forward;", "CONV005", "'Forward'" },
        { "[[|ConvTranspose2D(1, 4, 4, 1, 3, 3)|]]\npublic partial struct S { public int OutputWidth => 1; }", "CONV005", "'OutputWidth'" },
        { "[[|Linear(4, 3)|]]\npublic static partial class L { public const int OutputLength = 3; }", "CONV005", "'OutputLength'" },

        // CONV006: non-positive sizes, on the argument.
        { On("Conv2D([|0|], 4, 4, 1, 3, 3)"), "CONV006", "c must be positive, but is 0" },
        { On("Conv2D(1, [|-4|], 4, 1, 3, 3)"), "CONV006", "h must be positive, but is -4" },
        { On("Linear([|0|], 4)"), "CONV006", "inputs must be positive, but is 0" },
        { On("Linear(4, [|-1|])"), "CONV006", "outputs must be positive, but is -1" },
        { On("Conv2D(1, 4, [|0|], 1, 3, 3)"), "CONV006", "w must be positive, but is 0" },
        { On("Conv2D(1, 4, 4, [|-1|], 3, 3)"), "CONV006", "d must be positive, but is -1" },
        { On("Conv2D(1, 4, 4, 1, [|0|], 3)"), "CONV006", "p must be positive, but is 0" },
        { On("Conv2D(1, 4, 4, 1, 3, [|-3|])"), "CONV006", "q must be positive, but is -3" },
        { On("ConvTranspose2D(1, 4, 4, [|0|], 3, 3)"), "CONV006", "d must be positive, but is 0" },
        { On("Conv2D(c: 1, h: 4, w: 4, d: 1, [|q: 0|], p: 3)"), "CONV006", "q must be positive, but is 0" },

        // CONV007: non-positive strides and dilations.
        { On("Conv2D(1, 4, 4, 1, 3, 3, [|Stride = 0|])"), "CONV007", "Stride must be positive, but is 0" },
        { On("Conv2D(1, 4, 4, 1, 3, 3, [|StrideH = -1|])"), "CONV007", "StrideH must be positive, but is -1" },
        { On("Conv2D(1, 4, 4, 1, 3, 3, [|StrideW = 0|])"), "CONV007", "StrideW must be positive, but is 0" },
        { On("Conv2D(1, 4, 4, 1, 3, 3, [|Dilation = 0|])"), "CONV007", "Dilation must be positive, but is 0" },
        { On("Conv2D(1, 4, 4, 1, 3, 3, [|DilationH = -2|])"), "CONV007", "DilationH must be positive, but is -2" },
        { On("ConvTranspose2D(1, 4, 4, 1, 3, 3, [|Stride = -3|])"), "CONV007", "Stride must be positive, but is -3" },

        // CONV008: negative padding.
        { On("Conv2D(1, 4, 4, 1, 3, 3, [|Padding = -1|])"), "CONV008", "Padding must not be negative, but is -1" },
        { On("Conv2D(1, 4, 4, 1, 3, 3, [|PaddingH = -2|])"), "CONV008", "PaddingH must not be negative, but is -2" },
        { On("Conv2D(1, 4, 4, 1, 3, 3, [|PaddingTop = -1|])"), "CONV008", "PaddingTop must not be negative, but is -1" },
        { On("Conv2D(1, 4, 4, 1, 3, 3, [|PaddingRight = -3|])"), "CONV008", "PaddingRight must not be negative, but is -3" },
        { On("ConvTranspose2D(1, 4, 4, 1, 3, 3, [|OutputPadding = -1|])"), "CONV008", "OutputPadding must not be negative, but is -1" },
        { On("ConvTranspose2D(1, 4, 4, 1, 3, 3, [|OutputPaddingW = -1|])"), "CONV008", "OutputPaddingW must not be negative, but is -1" },

        // Pooling: the convolution's checks where they apply, PyTorch's padding check (CONV060), CeilMode with AutoPad (CONV061).
        { On("MaxPool2D([|0|], 4, 4, 2, 2)"), "CONV006", "c must be positive, but is 0" },
        { On("AvgPool3D(1, 4, 4, 4, 2, [|-2|], 2)"), "CONV006", "p must be positive, but is -2" },
        { On("MaxPool2D(1, 4, 4, 2, 2, [|Stride = 0|])"), "CONV007", "Stride must be positive, but is 0" },
        { On("[|MaxPool2D(1, 2, 2, 3, 3)|]"), "CONV009", "H' = 0, W' = 0" },
        { On("AvgPool2D(1, 4, 4, 2, 2, Stride = 1, [|StrideH = 1|])"), "CONV011", "Stride and StrideH set the same vertical stride" },
        { On("MaxPool2D(1, 8, 8, 3, 3, [|Padding = 2|])"), "CONV060", "Padding = 2 pads the top side by more than half the kernel p (3/2 = 1)" },
        { On("AvgPool1D(1, 8, 2, [|PaddingRight = 2|])"), "CONV060", "PaddingRight = 2 pads the right side by more than half the kernel q (2/2 = 1)" },
        { On("MaxPool3D(1, 8, 8, 8, 2, 2, 4, PaddingT = 1, [|PaddingW = 3|])"), "CONV060", "PaddingW = 3 pads the left side by more than half the kernel q (4/2 = 2)" },
        { On("MaxPool2D(1, 8, 8, 2, 2, [|CeilMode = true|], AutoPad = ConvAutoPad.SameUpper)"), "CONV061", "CeilMode = true and AutoPad = SameUpper both choose the output size" },
        { On("AvgPool1D(1, 8, 2, [|ElementType = typeof(int)|])"), "CONV017", "typeof(int)" },
        { "[MaxPool2D(1, 4, 4, 2, 2)]\n[[|Conv2D(1, 4, 4, 1, 3, 3)|]]\npublic static partial class L;", "CONV004", "'L' carries both [Conv2D] and [MaxPool2D]" },
        { "[[|AvgPool1D(1, 4, 2)|]]\npublic static partial class L { public static void Backward() { } }", "CONV005", "'Backward'" },

        // CONV009: empty output, on the attribute.
        { On("[|Conv2D(1, 2, 2, 1, 3, 3)|]"), "CONV009", "H' = 0, W' = 0" },
        { On("[|Conv2D(1, 2, 8, 1, 3, 3)|]"), "CONV009", "H' = 0, W' = 6" },
        { On("[|Conv2D(1, 4, 4, 1, 3, 3, Dilation = 2)|]"), "CONV009", "H' = 0, W' = 0" },
        { On("[|ConvTranspose2D(1, 1, 1, 1, 1, 1, Padding = 1)|]"), "CONV009", "H' = -1, W' = -1" },

        // CONV010: Groups not dividing c and d, or not positive.
        { On("Conv2D(3, 4, 4, 2, 3, 3, [|Groups = 2|])"), "CONV010", "Groups = 2 must be positive and divide both c = 3 and d = 2" },
        { On("Conv2D(2, 4, 4, 3, 3, 3, [|Groups = 2|])"), "CONV010", "Groups = 2 must be positive and divide both c = 2 and d = 3" },
        { On("Conv2D(2, 4, 4, 2, 3, 3, [|Groups = 0|])"), "CONV010", "Groups = 0" },
        { On("ConvTranspose2D(4, 4, 4, 6, 3, 3, [|Groups = -4|])"), "CONV010", "Groups = -4" },

        // CONV011: two forms of one property, even with equal or default values; on the second form.
        { On("Conv2D(1, 4, 4, 1, 3, 3, Stride = 1, [|StrideH = 1|])"), "CONV011", "Stride and StrideH set the same vertical stride" },
        { On("Conv2D(1, 4, 4, 1, 3, 3, [|StrideW = 2|], Stride = 2)"), "CONV011", "Stride and StrideW set the same horizontal stride" },
        { On("Conv2D(1, 4, 4, 1, 3, 3, Dilation = 1, [|DilationW = 1|])"), "CONV011", "Dilation and DilationW" },
        { On("Conv2D(1, 4, 4, 1, 3, 3, Padding = 0, [|PaddingH = 0|])"), "CONV011", "Padding and PaddingH set the same vertical padding" },
        { On("Conv2D(1, 4, 4, 1, 3, 3, PaddingH = 1, [|PaddingTop = 1|])"), "CONV011", "PaddingH and PaddingTop" },
        { On("Conv2D(1, 4, 4, 1, 3, 3, PaddingW = 1, [|PaddingRight = 0|])"), "CONV011", "PaddingW and PaddingRight set the same horizontal padding" },
        { On("Conv2D(1, 4, 4, 1, 3, 3, AutoPad = ConvAutoPad.Valid, [|Padding = 0|])"), "CONV011", "AutoPad and Padding set the same padding" },
        { On("Conv2D(1, 4, 4, 1, 3, 3, [|PaddingLeft = 1|], AutoPad = ConvAutoPad.SameUpper)"), "CONV011", "AutoPad and PaddingLeft" },
        { On("ConvTranspose2D(1, 4, 4, 1, 3, 3, Stride = 2, OutputPadding = 0, [|OutputPaddingH = 0|])"), "CONV011", "OutputPadding and OutputPaddingH" },

        // CONV012: OutputPadding ≥ max(stride, dilation) on its axis.
        { On("ConvTranspose2D(1, 3, 3, 1, 3, 3, [|OutputPaddingH = 1|])"), "CONV012", "OutputPaddingH = 1 must be smaller than max(strideH = 1, dilationH = 1) = 1" },
        { On("ConvTranspose2D(1, 3, 3, 1, 3, 3, Stride = 2, [|OutputPaddingW = 2|])"), "CONV012", "OutputPaddingW = 2 must be smaller than max(strideW = 2, dilationW = 1) = 2" },
        { On("ConvTranspose2D(1, 3, 3, 1, 3, 3, StrideH = 2, DilationW = 3, [|OutputPadding = 2|])"), "CONV012", "= 2 must be smaller than max(strideH = 2, dilationH = 1) = 2" },

        // CONV013: options that do not apply, when not at their default.
        { On("Conv2D(1, 4, 4, 1, 3, 3, [|OutputPadding = 1|])"), "CONV013", "OutputPadding = 1 does not apply to [Conv2D]" },
        { On("Conv2D(1, 4, 4, 1, 3, 3, [|OutputPaddingH = 2|])"), "CONV013", "OutputPaddingH = 2 does not apply to [Conv2D]" },
        { On("ConvTranspose2D(1, 3, 3, 1, 3, 3, [|PaddingMode = ConvPaddingMode.Reflect|])"), "CONV013", "PaddingMode = ConvPaddingMode.Reflect does not apply to [ConvTranspose2D]" },
        { On("ConvTranspose2D(1, 3, 3, 1, 3, 3, [|PaddingMode = ConvPaddingMode.Circular|])"), "CONV013", "ConvPaddingMode.Circular" },

        // CONV014: Reflect padding ≥ the input, Circular padding > the input.
        { On("Conv2D(1, 3, 3, 1, 3, 3, Padding = 3, [|PaddingMode = ConvPaddingMode.Reflect|])"), "CONV014", "PaddingMode.Reflect needs padding smaller than the input height (3), but the top padding is 3" },
        { On("Conv2D(1, 8, 3, 1, 3, 3, PaddingRight = 3, [|PaddingMode = ConvPaddingMode.Reflect|])"), "CONV014", "the input width (3), but the right padding is 3" },
        { On("Conv2D(1, 3, 3, 1, 3, 3, Padding = 4, [|PaddingMode = ConvPaddingMode.Circular|])"), "CONV014", "PaddingMode.Circular needs padding at most the input height (3), but the top padding is 4" },
        { On("Conv2D(1, 2, 2, 1, 5, 5, AutoPad = ConvAutoPad.SameUpper, [|PaddingMode = ConvPaddingMode.Reflect|])"), "CONV014", "the input height (2), but the top padding is 2" },

        // CONV015: constant weights of the wrong length.
        { On("Conv2D(1, 4, 4, 1, 3, 3, [|Weights = new double[] { 1, 2 }|])"), "CONV015", "Weights has 2 values, but the layer needs WeightsLength = 9 (d·(c/Groups)·p·q = 1·1·3·3)" },
        { On("Conv2D(1, 4, 4, 1, 3, 3, [|Weights = new double[0]|])"), "CONV015", "Weights has 0 values" },
        { On("Linear(3, 2, [|Weights = new double[] { 1, 2, 3 }|])"), "CONV015", "Weights has 3 values, but the layer needs WeightsLength = 6 (outputs·inputs = 2·3)" },
        { On("ConvTranspose2D(2, 3, 3, 4, 2, 2, Groups = 2, [|Weights = new double[] { 1 }|])"), "CONV015", "WeightsLength = 16 (c·(d/Groups)·p·q = 2·2·2·2)" },

        // CONV016: Weights = null.
        { On("Conv2D(1, 4, 4, 1, 3, 3, [|Weights = null|])"), "CONV016", "Weights = null" },

        // CONV017: unsupported element type.
        { On("Conv2D(1, 4, 4, 1, 3, 3, [|ElementType = typeof(int)|])"), "CONV017", "ElementType = typeof(int) is not supported" },
        { On("Conv2D(1, 4, 4, 1, 3, 3, [|ElementType = typeof(System.Half)|])"), "CONV017", "ElementType = typeof(System.Half)" },
        { On("Conv2D(1, 4, 4, 1, 3, 3, [|ElementType = typeof(float?)|])"), "CONV017", "ElementType = typeof(float?)" },
        { On("Conv2D(1, 4, 4, 1, 3, 3, [|ElementType = null|])"), "CONV017", "ElementType = null" },

        // CONV018: undefined enum values.
        { On("Conv2D(1, 4, 4, 1, 3, 3, [|Activation = (ConvActivation)10|])"), "CONV018", "Activation = 10 is not a defined ConvActivation value" },
        { On("Conv2D(1, 4, 4, 1, 3, 3, [|PaddingMode = (ConvPaddingMode)(-1)|])"), "CONV018", "PaddingMode = -1 is not a defined ConvPaddingMode value" },
        { On("Conv2D(1, 4, 4, 1, 3, 3, [|AutoPad = (ConvAutoPad)4|])"), "CONV018", "AutoPad = 4 is not a defined ConvAutoPad value" },
        { On("Conv2D(1, 4, 4, 1, 3, 3, [|Unroll = (ConvUnroll)2|])"), "CONV018", "Unroll = 2 is not a defined ConvUnroll value" },

        // CONV019: a computed size overflows int; on the attribute.
        { On("[|Conv2D(50000, 50000, 50000, 1, 1, 1)|]"), "CONV019", "InputLength = 125000000000000 does not fit in an int" },
        { On("[|Conv2D(1, 1, 1, 60000, 1, 1, Padding = 100)|]"), "CONV019", "OutputLength = 2424060000" },
        { On("[|Conv2D(50000, 1, 1, 50000, 1, 1)|]"), "CONV019", "WeightsLength = 2500000000" },
        { On("[|Conv2D(1, 2147483647, 1, 1, 1, 1, PaddingH = 1)|]"), "CONV019", "2147483649" },
        { On("[|Conv2D(1, 4, 4, 1, 3, 3, Dilation = 2000000000)|]"), "CONV019", "4000000001" },
        { On("[|ConvTranspose2D(1, 100000, 1, 1, 1, 1, StrideH = 100000)|]"), "CONV019", "9999900001" },

        // CONV020: AutoPad that needs negative padding.
        { On("ConvTranspose2D(1, 3, 3, 1, 1, 1, Stride = 3, [|AutoPad = ConvAutoPad.SameUpper|])"), "CONV020", "a total padding of -2" },
        { On("ConvTranspose1D(1, 3, 1, 1, Stride = 3, [|AutoPad = ConvAutoPad.SameUpper|])"), "CONV020", "AutoPad = SameUpper needs a total padding of -2 on the width axis" },
        { On("ConvTranspose3D(1, 3, 3, 3, 1, 1, 1, 1, StrideT = 3, [|AutoPad = ConvAutoPad.SameLower|])"), "CONV020", "a total padding of -2 on the depth axis" },

        // The 1-D and 3-D attributes: the same rules on their own axes, with their own names.
        { On("Conv1D(1, 8, 1, 3, [|Stride = 0|])"), "CONV007", "Stride must be positive, but is 0" },
        { On("Conv1D(1, 8, 1, 3, Padding = 1, [|PaddingLeft = 1|])"), "CONV011", "Padding and PaddingLeft set the same padding; give only one of them" },
        { On("Conv1D(1, 8, 1, 3, [|PaddingRight = 1|], AutoPad = ConvAutoPad.SameUpper)"), "CONV011", "AutoPad and PaddingRight set the same padding" },
        { On("[|Conv1D(1, 2, 1, 3)|]"), "CONV009", "The output would be 0 (output width 0)" },
        { On("Conv1D(1, 8, 1, [|0|])"), "CONV006", "q must be positive, but is 0" },
        { On("Conv1D(1, [|-8|], 1, 3)"), "CONV006", "w must be positive, but is -8" },
        { On("ConvTranspose1D(1, 4, 1, 3, Stride = 2, [|OutputPadding = 2|])"), "CONV012", "OutputPadding = 2 must be smaller than max(stride = 2, dilation = 1) = 2" },
        { On("Conv1D(1, 8, 1, 3, [|OutputPadding = 1|])"), "CONV013", "OutputPadding = 1 does not apply to [Conv1D]; output padding belongs to [ConvTranspose1D]" },
        { On("ConvTranspose1D(1, 8, 1, 3, [|PaddingMode = ConvPaddingMode.Circular|])"), "CONV013", "does not apply to [ConvTranspose1D]" },
        { On("Conv1D(1, 8, 1, 3, [|Weights = new double[] { 1, 2 }|])"), "CONV015", "Weights has 2 values, but the layer needs WeightsLength = 3 (d·(c/Groups)·q = 1·1·3)" },
        { On("Conv1D(2, 8, 3, 3, [|Groups = 2|])"), "CONV010", "Groups = 2 must be positive and divide both c = 2 and d = 3" },
        { On("Conv1D(1, 3, 1, 3, Padding = 3, [|PaddingMode = ConvPaddingMode.Reflect|])"), "CONV014", "needs padding smaller than the input width (3), but the left padding is 3" },
        { On("[|Conv1D(1, 1000000, 3000, 1)|]"), "CONV019", "OutputLength = 3000000000" },
        { On("Conv3D(1, 4, 4, 4, 1, 3, 3, 3, [|StrideT = 2|], Stride = 2)"), "CONV011", "Stride and StrideT set the same depth stride" },
        { On("Conv3D(1, 4, 4, 4, 1, 3, 3, 3, PaddingT = 1, [|PaddingBack = 1|])"), "CONV011", "PaddingT and PaddingBack set the same depth padding" },
        { On("Conv3D(1, 4, 4, 4, 1, 3, 3, 3, [|DilationT = 0|])"), "CONV007", "DilationT must be positive, but is 0" },
        { On("Conv3D(1, 4, 4, 4, 1, [|-1|], 3, 3)"), "CONV006", "r must be positive, but is -1" },
        { On("Conv3D(1, [|0|], 4, 4, 1, 1, 3, 3)"), "CONV006", "t must be positive, but is 0" },
        { On("[|Conv3D(1, 1, 4, 4, 1, 3, 3, 3)|]"), "CONV009", "The output would be 0×2×2 (output depth 0, height 2, width 2)" },
        { On("Conv3D(1, 2, 4, 4, 1, 3, 3, 3, PaddingT = 2, [|PaddingMode = ConvPaddingMode.Reflect|])"), "CONV014", "needs padding smaller than the input depth (2), but the front padding is 2" },
        { On("Conv3D(1, 4, 4, 4, 1, 3, 3, 3, [|OutputPaddingT = 1|])"), "CONV013", "OutputPaddingT = 1 does not apply to [Conv3D]; output padding belongs to [ConvTranspose3D]" },
        { On("ConvTranspose3D(1, 2, 2, 2, 1, 2, 2, 2, Stride = 2, [|OutputPaddingT = 2|])"), "CONV012", "OutputPaddingT = 2 must be smaller than max(strideT = 2, dilationT = 1) = 2" },
        { On("ConvTranspose3D(1, 2, 2, 2, 1, 2, 2, 2, [|PaddingMode = ConvPaddingMode.Reflect|])"), "CONV013", "does not apply to [ConvTranspose3D]" },
        { On("Conv3D(1, 2, 2, 2, 1, 2, 2, 2, [|Weights = new double[] { 1 }|])"), "CONV015", "(d·(c/Groups)·r·p·q = 1·1·2·2·2)" },
        { On("[|Conv3D(1, 1, 2000, 1000, 1, 2000, 1, 1, PaddingT = 1000)|]"), "CONV019", "c·r·h·w (the planes one output depth slice reads) = 4000000000" },
        // CONV040–CONV043: the activations' parameters.
        { On("Conv2D(1, 4, 4, 1, 3, 3, Activation = ConvActivation.Relu, [|ActivationAlpha = 0.2|])"), "CONV040", "ActivationAlpha = 0.2 is not a parameter of ConvActivation.Relu; it belongs to ConvActivation.LeakyRelu" },
        { On("Conv1D(1, 4, 1, 3, [|ClipMax = 6|])"), "CONV040", "ClipMax = 6 is not a parameter of ConvActivation.None; it belongs to ConvActivation.Clip" },
        { On("Conv3D(1, 4, 4, 4, 1, 3, 3, 3, Activation = ConvActivation.LeakyRelu, [|ClipMin = -1|])"), "CONV040", "ClipMin = -1 is not a parameter of ConvActivation.LeakyRelu" },
        { On("Conv2D(1, 4, 4, 1, 3, 3, Activation = ConvActivation.Clip, [|ClipMin = 2|], ClipMax = 1)"), "CONV041", "ClipMin = 2 is greater than ClipMax = 1; Clip needs ClipMin ≤ ClipMax" },
        { On("ConvTranspose2D(1, 4, 4, 1, 3, 3, [|Activation = ConvActivation.Clip|])"), "CONV042", "ConvActivation.Clip needs ClipMin, ClipMax or both" },
        { On("Conv2D(1, 4, 4, 1, 3, 3, Activation = ConvActivation.LeakyRelu, [|ActivationAlpha = double.NaN|])"), "CONV043", "ActivationAlpha = NaN is not a finite float" },
        { On("Conv2D(1, 4, 4, 1, 3, 3, Activation = ConvActivation.Clip, [|ClipMax = 1e39|])"), "CONV043", "ClipMax = 1E+39 is not a finite float" },
        { On("Conv2D(1, 4, 4, 1, 3, 3, Activation = ConvActivation.Clip, [|ClipMin = double.NegativeInfinity|], ElementType = typeof(double))"), "CONV043", "ClipMin = -Infinity is not a finite double" },
        { "[[|Conv1D(1, 4, 1, 3)|]]\n[Conv3D(1, 4, 4, 4, 1, 3, 3, 3)]\npublic static partial class L;", "CONV004", "'L' carries both [Conv1D] and [Conv3D]; a type holds one layer" },
        { "[ConvTranspose3D(1, 4, 4, 4, 1, 3, 3, 3)]\n[[|Conv2D(1, 4, 4, 1, 3, 3)|]]\npublic static partial class L;", "CONV004", "'L' carries both [Conv2D] and [ConvTranspose3D]" },
        { "[[|Conv1D(1, 4, 1, 3)|]]\npublic static partial class L { public const int InputWidth = 4; }", "CONV005", "'L' already declares 'InputWidth'" },
        { "[[|Conv3D(1, 4, 4, 4, 1, 3, 3, 3)|]]\npublic static partial class L { public static void ConvGenSlices() { } }", "CONV005", "'L' already declares 'ConvGenSlices'" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void Error_IsReportedWhereItShould(string marked, string id, string messageFragment)
    {
        var (source, located) = Run(marked, id, messageFragment, out var output);
        Assert.Equal(DiagnosticSeverity.Error, located.Severity);
        Assert.Empty(output.LayerSources);
        _ = source;
    }

    /// <summary>Runs the generator over a marked snippet and checks the one diagnostic of <paramref name="id"/>.</summary>
    private static (string Source, Diagnostic Diagnostic) Run(string marked, string id, string messageFragment, out GeneratorOutput output)
    {
        var m = Marked.Parse(Prelude + marked);
        output = GeneratorDriverHelper.Run(m.Source);
        GeneratorDriverHelper.AssertNoGeneratorFailure(output);
        var all = GeneratorDriverHelper.Format(output.GeneratorDiagnostics);
        var withId = output.GeneratorDiagnostics.Where(d => d.Id == id).ToArray();
        Assert.True(withId.Length == 1, $"Expected exactly one {id}, got {withId.Length}:\n{all}");
        var d = withId[0];
        var text = GeneratorDriverHelper.LocatedText(d, new[] { m.Source });
        Assert.True(d.Location.SourceSpan == m.Span,
            $"{id} should be on '{m.LocatedText}' {m.Span}, but is on '{text}' {d.Location.SourceSpan}:\n{all}");
        Assert.Equal(GeneratorDriverHelper.PathOf(0), d.Location.GetLineSpan().Path);
        var message = d.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(messageFragment, message, StringComparison.Ordinal);
        AssertWellFormed(message);
        Assert.StartsWith("https://", d.Descriptor.HelpLinkUri, StringComparison.Ordinal);
        return (m.Source, d);
    }

    /// <summary>Quotes are balanced, no unfilled placeholder, no stray whitespace.</summary>
    private static void AssertWellFormed(string message)
    {
        var quotes = System.Text.RegularExpressions.Regex.Replace(message, @"(?<=\w)'(?=\w)", "").Count(ch => ch == '\''); // not the apostrophe in "layer's"
        Assert.True(quotes % 2 == 0, "Unbalanced quotes in: " + message);
        Assert.DoesNotContain("{", message, StringComparison.Ordinal);
        Assert.Equal(message.Trim(), message);
        Assert.DoesNotContain("  ", message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnrollFullAboveBudget_WarnsOnTheUnrollArgument_AndStillGenerates()
    {
        // 8·6·6·4·3·3 = 10,368 multiply-adds per sample: above the 4,096 full-unroll budget.
        var marked = On("Conv2D(4, 8, 8, 8, 3, 3, [|Unroll = ConvUnroll.Full|])");
        var (source, d) = Run(marked, "CONV100", "10368", out var output);
        Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
        Assert.Contains("4096", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Single(output.GeneratorDiagnostics);
        var (_, text) = output.SingleLayer;
        Assert.Contains("public static void Forward(", text, StringComparison.Ordinal);
        AssertOutputCompiles(output, source);
    }

    [Fact]
    public void UnrollFullWithinBudget_GetsNoWarning() =>
        GeneratorDriverHelper.AssertCompilesCleanly(Prelude + On("Conv2D(1, 4, 4, 2, 3, 3, Unroll = ConvUnroll.Full)"));

    [Fact]
    public void MatrixAboveArrayMaxLength_IsAnInfo_AndTheLayerHasNoToMatrix()
    {
        // OutputLength·InputLength = 65,536² = 4,294,967,296 > Array.MaxLength.
        var marked = On("[|Conv2D(1, 256, 256, 1, 1, 1)|]");
        var (source, d) = Run(marked, "CONV101", "4294967296", out var output);
        Assert.Equal(DiagnosticSeverity.Info, d.Severity);
        Assert.Contains("'L'", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Single(output.GeneratorDiagnostics);
        var (_, text) = output.SingleLayer;
        Assert.Contains("public static void Forward(", text, StringComparison.Ordinal);
        Assert.DoesNotContain("ToMatrix(", text, StringComparison.Ordinal);
        AssertOutputCompiles(output, source);
    }

    private static void AssertOutputCompiles(GeneratorOutput output, string source)
    {
        var bad = output.OutputDiagnostics
            .Where(x => x.Severity != DiagnosticSeverity.Hidden && x.Id != "CS1591" && x.Id != "CS1734")
            .ToArray();
        Assert.True(bad.Length == 0, source + "\n" + GeneratorDriverHelper.Format(bad));
    }

    /// <summary>Valid declarations and options, including every property given at its default value where
    /// that is allowed: no diagnostic, and output that compiles without a warning.</summary>
    public static readonly TheoryData<string> Valid = new()
    {
        // Type kinds and accessibilities.
        "[Conv2D(1, 4, 4, 1, 3, 3)]\npublic partial class L { }",
        "[Conv2D(1, 4, 4, 1, 3, 3)]\ninternal static partial class L { }",
        "[Conv2D(1, 4, 4, 1, 3, 3)]\npublic partial struct L { }",
        "[Conv2D(1, 4, 4, 1, 3, 3)]\npublic readonly partial struct L { }",
        "[Conv2D(1, 4, 4, 1, 3, 3)]\npublic ref partial struct L { }",
        "[Conv2D(1, 4, 4, 1, 3, 3)]\npublic sealed partial record L(int Tag);",
        "[Conv2D(1, 4, 4, 1, 3, 3)]\npublic readonly partial record struct L(double Scale);",
        "[Conv2D(1, 4, 4, 1, 3, 3)]\npublic abstract partial class L { }",
        "namespace A.B\n{\n    internal static partial class Outer\n    {\n        private sealed partial class Middle\n        {\n            [Conv2D(1, 4, 4, 1, 3, 3)]\n            internal partial record Inner;\n        }\n    }\n}",
        "namespace A.B;\n\npublic partial interface IHost\n{\n    [Conv2D(1, 4, 4, 1, 3, 3)]\n    public static partial class L;\n}",
        "namespace A\n{\n    namespace B\n    {\n        [ConvGen.Conv2DAttribute(1, 4, 4, 1, 3, 3)]\n        public static partial class L;\n    }\n}",
        "[global::ConvGen.ConvTranspose2D(1, 4, 4, 1, 3, 3)]\npublic static partial class L;",
        // Keywords as identifiers: escaped in code, and never an '@' in a hint name.
        "[Conv2D(1, 4, 4, 1, 3, 3)]\npublic static partial class @checked;",
        "public partial class @class\n{\n    [Conv2D(1, 4, 4, 1, 3, 3)]\n    public static partial class L;\n}",
        "namespace My.@event;\n\n[Conv2D(1, 4, 4, 1, 3, 3)]\npublic static partial class L;",

        // Arguments written in other ways.
        "[Conv2D(q: 3, p: 3, d: 1, w: 4, h: 4, c: 1)]\npublic static partial class L;",
        "static class Sizes { public const int C = 2; }\n[Conv2D(Sizes.C, 2 + 2, 4, Sizes.C * 2, 3, 3, Stride = Sizes.C - 1)]\npublic static partial class L;",

        // Every property at its default value, where giving it is allowed.
        On("Conv2D(1, 4, 4, 1, 3, 3, Stride = 1, Dilation = 1, Padding = 0, Groups = 1, Bias = false, Flip = false, Activation = ConvActivation.None, ElementType = typeof(float), Unroll = ConvUnroll.Auto, PaddingMode = ConvPaddingMode.Zeros, AutoPad = ConvAutoPad.NotSet)"),
        On("Conv2D(1, 4, 4, 1, 3, 3, OutputPadding = 0)"),
        On("Conv2D(1, 4, 4, 1, 3, 3, OutputPaddingH = 0, OutputPaddingW = 0)"),
        On("Conv2D(1, 4, 4, 1, 3, 3, AutoPad = ConvAutoPad.NotSet, Padding = 1)"),
        On("ConvTranspose2D(1, 3, 3, 1, 3, 3, PaddingMode = ConvPaddingMode.Zeros, OutputPadding = 0)"),

        // Boundaries just inside every rule.
        On("Conv2D(1, 3, 3, 1, 3, 3, Padding = 2, PaddingMode = ConvPaddingMode.Reflect)"),
        On("Conv2D(1, 3, 3, 1, 3, 3, Padding = 3, PaddingMode = ConvPaddingMode.Circular)"),
        On("Conv2D(1, 2, 2, 1, 3, 3, Padding = 5, PaddingMode = ConvPaddingMode.Replicate)"),
        On("Conv2D(1, 3, 3, 1, 3, 3)"),
        On("ConvTranspose2D(1, 3, 3, 1, 3, 3, Stride = 2, Dilation = 3, OutputPadding = 2)"),
        On("ConvTranspose2D(1, 3, 3, 1, 3, 3, DilationH = 2, OutputPaddingH = 1)"),
        On("Conv2D(1, 5, 5, 1, 3, 3, Stride = 2, AutoPad = ConvAutoPad.SameLower)"),
        On("Conv2D(1, 5, 7, 1, 2, 2, Stride = 3, AutoPad = ConvAutoPad.SameUpper, PaddingMode = ConvPaddingMode.Reflect)"),
        On("ConvTranspose2D(1, 3, 3, 1, 3, 3, Stride = 2, AutoPad = ConvAutoPad.SameUpper, OutputPadding = 1)"),
        On("Conv2D(1, 4, 4, 1, 3, 3, AutoPad = ConvAutoPad.Valid)"),
        On("Conv2D(4, 4, 4, 4, 3, 3, Groups = 4, Bias = true, Activation = ConvActivation.Relu, ElementType = typeof(double))"),
        On("Conv2D(1, 4, 4, 1, 3, 3, PaddingTop = 1, PaddingBottom = 0, PaddingLeft = 2, PaddingRight = 0)"),
        On("Conv2D(1, 4, 4, 1, 3, 3, PaddingH = 1, PaddingLeft = 2)"),

        // AutoPad on a forward convolution: a negative total padding is none (a 1×1 stride-2 SAME layer on an even input).
        On("Conv2D(1, 5, 5, 1, 1, 1, Stride = 3, AutoPad = ConvAutoPad.SameUpper)"),
        On("Conv2D(1, 6, 5, 1, 1, 1, StrideW = 3, AutoPad = ConvAutoPad.SameLower)"),
        On("Conv2D(2, 8, 8, 4, 1, 1, Stride = 2, AutoPad = ConvAutoPad.SameUpper)"),

        // 1-D and 3-D layers: every code shape, each property.
        On("Conv1D(1, 8, 1, 3)"),
        On("Conv1D(2, 64, 4, 5, Stride = 2, Padding = 2, Dilation = 1, Bias = true, Activation = ConvActivation.Relu)"),
        On("Conv1D(4, 300, 8, 7, PaddingLeft = 3, PaddingRight = 2, PaddingMode = ConvPaddingMode.Reflect, Groups = 2, ElementType = typeof(double))"),
        On("Conv1D(1, 16, 1, 3, AutoPad = ConvAutoPad.SameLower, Stride = 2, Flip = true, Weights = new double[] { 1, 0, -1 })"),
        On("Conv1D(3, 40, 2, 3, Unroll = ConvUnroll.Full, Padding = 1, PaddingMode = ConvPaddingMode.Circular)"),
        On("ConvTranspose1D(2, 8, 3, 4, Stride = 2, Padding = 1, OutputPadding = 1, Bias = true)"),
        On("ConvTranspose1D(4, 128, 4, 3, Groups = 4, Dilation = 2, ElementType = typeof(double), Activation = ConvActivation.Relu)"),
        On("Conv3D(1, 3, 4, 4, 2, 2, 3, 3)"),
        On("Conv3D(2, 6, 9, 20, 4, 3, 3, 3, StrideT = 2, Padding = 1, Bias = true, Activation = ConvActivation.Relu)"),
        On("Conv3D(2, 5, 6, 6, 2, 3, 3, 3, PaddingT = 2, PaddingH = 1, PaddingLeft = 1, PaddingRight = 2, PaddingMode = ConvPaddingMode.Replicate, Groups = 2, Flip = true, ElementType = typeof(double))"),
        On("Conv3D(1, 4, 4, 4, 1, 2, 2, 2, AutoPad = ConvAutoPad.SameUpper, Stride = 2, Weights = new double[] { 1, -1, 0, 2, 0.5, 0, 0, 1 })"),
        On("ConvTranspose3D(2, 3, 4, 4, 2, 3, 3, 3, Stride = 2, Padding = 1, OutputPadding = 1, Bias = true, Activation = ConvActivation.Relu)"),
        On("ConvTranspose3D(2, 2, 8, 24, 4, 2, 3, 3, StrideT = 2, StrideH = 1, DilationW = 2, OutputPaddingT = 1, Groups = 2, Flip = true, ElementType = typeof(double))"),

        // Awkward constant weights: zeros, signs, subnormals, values that round to ±∞ as float, NaN.
        On("Conv2D(1, 3, 3, 1, 2, 2, Weights = new double[] { 0, -0.0, 1e-45, 5e-324 })"),
        On("Conv2D(1, 3, 3, 1, 2, 2, Weights = new double[] { double.NaN, double.PositiveInfinity, -1e300, 3.4028235e38 })"),
        On("Conv2D(1, 3, 3, 1, 2, 2, ElementType = typeof(double), Weights = new double[] { double.NaN, double.NegativeInfinity, double.Epsilon, -0.1 }, Bias = true)"),
        On("Conv2D(1, 3, 3, 1, 2, 2, Weights = new double[] { 0, 0, 0, 0 })"),
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void ValidCode_GetsNoDiagnostic_AndCompilesCleanly(string snippet) =>
        GeneratorDriverHelper.AssertCompilesCleanly(Prelude + snippet);

    /// <summary>Code that does not compile, or barely: the generator reports or ignores it, but never throws.</summary>
    public static readonly TheoryData<string> Malformed = new()
    {
        "[Conv2D]\npublic static partial class L;",
        "[Conv2D()]\npublic static partial class L;",
        "[Conv2D(1, 2, 3)]\npublic static partial class L;",
        "[Conv2D(1, 4, 4, 1, 3, 3, 7)]\npublic static partial class L;",
        "[Conv2D(\"a\", 4, 4, 1, 3, 3)]\npublic static partial class L;",
        "[Conv2D(1.5, 4, 4, 1, 3, 3)]\npublic static partial class L;",
        "[Conv2D(1, 4, 4, 1, 3, 3, Stride = \"x\")]\npublic static partial class L;",
        "[Conv2D(1, 4, 4, 1, 3, 3, Stride = )]\npublic static partial class L;",
        "[Conv2D(1, 4, 4, 1, 3, 3, Stride = 1, Stride = 2)]\npublic static partial class L;",
        "[Conv2D(1, 4, 4, 1, 3, 3, Nope = 1)]\npublic static partial class L;",
        "[Conv2D(1, 4, 4, 1, 3, 3, Weights = new double[] { 1, \"x\" })]\npublic static partial class L;",
        "[Conv2D(1, 4, 4, 1, 3, 3, Weights = new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 })]\npublic static partial class L;",
        "[Conv2D(1, 4, 4, 1, 3, 3, Weights = new double[9])]\npublic static partial class L;",
        "[Conv2D(1, 4, 4, 1, 3, 3, ElementType = typeof(Missing))]\npublic static partial class L;",
        "[Conv2D(1, 4, 4, 1, 3, 3, Activation = ConvActivation.Missing)]\npublic static partial class L;",
        "[Conv2D(1, 4, 4, 1, 3, 3, Bias = 1)]\npublic static partial class L;",
        "[Conv2D(1, 4, 4, 1, 3, 3, ElementType = typeof(float)]\npublic static partial class L;",
        "[Conv2D(1, 4, 4, 1, 3, 3\npublic static partial class L;",
        "[Conv2D(1, 4, 4, 1, 3, 3)]\npublic static partial class",
        "[Conv2D(1, 4, 4, 1, 3, 3)]\npublic static partial class L { void M( }",
        "[Conv2D(1, 4, 4, 1, 3, 3)]\npublic static partial class L : Missing { }",
        "[Conv2D(1, 4, 4, 1, 3, 3)]\npublic partial class L : L { }",
        "[Conv2D(1, 4, 4, 1, 3, 3)]\n[Conv2D(1, 4, 4, 1, 3, 3)]\npublic static partial class L;",
        "[Conv2D(1, 4, 4, 1, 3, 3)]\npublic static partial class L;\n[Conv2D(1, 5, 5, 1, 3, 3)]\npublic static partial class L;",
        "[Conv2D(1, 4, 4, 1, 3, 3)]\npublic enum E { A }",
        "[Conv2D(1, 4, 4, 1, 3, 3)]\npublic static partial class L { [Conv2D(1, 4, 4, 1, 3, 3)] static void M() { } }",
        "[Conv2D(1, 4, 4, 1, 3, 3)]\npublic partial interface I { }",
        "[Conv2D(int.MaxValue, int.MaxValue, int.MaxValue, int.MaxValue, int.MaxValue, int.MaxValue)]\npublic static partial class L;",
        "[Conv2D(int.MinValue, int.MinValue, int.MinValue, int.MinValue, int.MinValue, int.MinValue)]\npublic static partial class L;",
        "[Conv2D(1, 4, 4, 1, 3, 3, Stride = int.MinValue, Dilation = int.MaxValue, Groups = int.MinValue)]\npublic static partial class L;",
        "[Conv2D(1, 4, 4, 1, 3, 3, PaddingTop = int.MaxValue, PaddingBottom = int.MaxValue, PaddingLeft = int.MaxValue)]\npublic static partial class L;",
        "[Conv2D(1, 4, 4, 1, int.MaxValue, int.MaxValue, Padding = int.MaxValue)]\npublic static partial class L;",
        "[Conv2D(1, 4, 4, 1, 3, 3, AutoPad = ConvAutoPad.SameUpper, Stride = int.MaxValue, Dilation = int.MaxValue)]\npublic static partial class L;",
        "[ConvTranspose2D(1, int.MaxValue, 1, 1, 1, 1, Stride = int.MaxValue, OutputPadding = int.MaxValue)]\npublic static partial class L;",
        "[ConvTranspose2D(1, 3, 1, 1, 1, 1, StrideH = 1500000000, PaddingTop = 1499999999, PaddingBottom = 1499999999)]\npublic static partial class L;",
        "[ConvTranspose2D(1, 4, 4, 1, 3, 3, AutoPad = ConvAutoPad.SameLower, Stride = int.MaxValue)]\npublic static partial class L;",
        "[Conv2D(1, 4, 4, 1, 3, 3, Unroll = (ConvUnroll)int.MaxValue, Activation = (ConvActivation)int.MinValue)]\npublic static partial class L;",
        "[Conv2D(1, 4, 4, 1, 3, 3, Weights = new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 }, Flip = true, Groups = 0)]\npublic static partial class L;",
        "[Conv2D(1, 4, 4, 1, 3, 3)]\npublic static partial class L<T> where T : L<T>;",
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void MalformedCode_NeverCrashesTheGenerator(string snippet)
    {
        var output = GeneratorDriverHelper.Run(Prelude + snippet);
        GeneratorDriverHelper.AssertNoGeneratorFailure(output);
        foreach (var d in output.GeneratorDiagnostics)
            AssertWellFormed(d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ThePartialPartsOfOneTypeInTwoFiles_EachWithTheAttribute_DoNotCrash()
    {
        // CS0579 (duplicate attribute) from the compiler; the generator must not add the same hint twice.
        var output = GeneratorDriverHelper.Run(
            Prelude + On("Conv2D(1, 4, 4, 1, 3, 3)"),
            Prelude + On("Conv2D(1, 4, 4, 1, 3, 3)"));
        GeneratorDriverHelper.AssertNoGeneratorFailure(output);
    }

    [Fact]
    public void TypesWhoseNamesDifferOnlyInCase_GetTheirOwnFiles()
    {
        // Hint names are compared case-insensitively (they become file names), C# names are not.
        var source = Prelude + "[Conv2D(1, 4, 4, 1, 3, 3)]\npublic static partial class Layer;\n[Conv2D(1, 5, 5, 1, 3, 3)]\npublic static partial class LAYER;\n";
        var output = GeneratorDriverHelper.Run(source);
        GeneratorDriverHelper.AssertNoGeneratorFailure(output);
        Assert.Equal(2, output.LayerSources.Count);
        GeneratorDriverHelper.AssertCompilesCleanly(source);
    }

    [Fact]
    public void OnlyClashingFileNamesGetAHash()
    {
        // "N.outer.X" (a namespace) and "N.Outer.X" (a containing type) clash as file names; "N.Other" does not.
        var source = """
            using ConvGen;
            namespace N.outer { [Conv2D(1, 4, 4, 1, 3, 3)] public static partial class X; }
            namespace N
            {
                public static partial class Outer { [Conv2D(1, 4, 4, 1, 3, 3)] public static partial class X; }
                [ConvTranspose2D(1, 4, 4, 1, 3, 3)] public static partial class Other;
            }
            """;
        var output = GeneratorDriverHelper.Run(source);
        GeneratorDriverHelper.AssertNoGeneratorFailure(output);
        var names = output.LayerSources.Keys.OrderBy(n => n, StringComparer.Ordinal).ToArray();
        Assert.Equal(3, names.Length);
        Assert.Equal("N.Other.ConvTranspose2D.g.cs", names[0]);
        Assert.Matches(@"^N\.Outer\.X\.[0-9a-f]{8}\.Conv2D\.g\.cs$", names[1]);
        Assert.Matches(@"^N\.outer\.X\.[0-9a-f]{8}\.Conv2D\.g\.cs$", names[2]);
        GeneratorDriverHelper.AssertCompilesCleanly(source);
    }

    [Fact]
    public void ANamespaceAndATypeOfTheSameName_NeverCrashTheGenerator()
    {
        // CS0101 in the user's code, but the two layers still get distinct file names.
        var source = """
            using ConvGen;
            namespace App.Outer { [Conv2D(1, 4, 4, 1, 3, 3)] public static partial class Inner; }
            namespace App { public static partial class Outer { [Conv2D(1, 4, 4, 1, 3, 3)] public static partial class Inner; } }
            """;
        var output = GeneratorDriverHelper.Run(source);
        GeneratorDriverHelper.AssertNoGeneratorFailure(output);
        Assert.Equal(2, output.LayerSources.Count);
    }

    [Fact]
    public void ALayerDerivedFromALayer_CompilesCleanlyOrIsReported()
    {
        // Every generated member of Derived hides Base's (CS0108), unless the generator says something.
        var source = Prelude +
            "[Conv2D(1, 4, 4, 1, 3, 3)]\npublic partial class Base { }\n" +
            "[Conv2D(1, 5, 5, 1, 3, 3)]\npublic partial class Derived : Base { }\n";
        var output = GeneratorDriverHelper.Run(source);
        GeneratorDriverHelper.AssertNoGeneratorFailure(output);
        if (!output.GeneratorDiagnostics.Any(d => d.Id == "CONV005"))
            GeneratorDriverHelper.AssertCompilesCleanly(source);
    }

    /// <summary>Every descriptor is exercised by a test above (CONV021 by the malformed cases; CONV102 by ForwardWithoutBiasAnalyzerTests; CONV062 and CONV063 by ChainedConstantsTests; CONV080–CONV085 by Onnx/OnnxModelGeneratorTests).</summary>
    [Fact]
    public void EveryDescriptorIsCovered()
    {
        var ids = typeof(Descriptors).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => ((DiagnosticDescriptor)f.GetValue(null)!).Id)
            .ToArray();
        var covered = Errors.Select(row => (string)row[1]).Concat(new[] { "CONV100", "CONV101", "CONV102", "CONV021", "CONV062", "CONV063", "CONV080", "CONV081", "CONV082", "CONV083", "CONV084", "CONV085" }).ToHashSet();
        Assert.All(ids, id => Assert.Contains(id, covered));
        Assert.Equal(ids.Length, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches("^CONV[0-9]{3}$", id));
    }

    /// <summary>All the messages in one reviewable file: id, severity, the located text and the message.</summary>
    [Fact]
    public void Messages()
    {
        var sb = new StringBuilder();
        void Add(string snippet)
        {
            var source = Prelude + snippet;
            var output = GeneratorDriverHelper.Run(source);
            sb.Append(snippet.TrimEnd().Replace("\n", "\n    ", StringComparison.Ordinal).Insert(0, "    ")).Append('\n');
            foreach (var d in output.GeneratorDiagnostics.OrderBy(d => d.Location.SourceSpan.Start).ThenBy(d => d.Id, StringComparer.Ordinal))
            {
                // A crash (CS8785) carries a stack trace: keep its first line only.
                var message = d.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
                sb.Append(d.Id).Append(' ').Append(d.Severity).Append(" at '")
                    .Append(GeneratorDriverHelper.LocatedText(d, new[] { source })).Append("': ")
                    .Append(message.Split('\n')[0].TrimEnd()).Append('\n');
            }

            sb.Append('\n');
        }

        foreach (var row in Errors)
            Add(Marked.Parse((string)row[0]).Source);
        Add(On("Conv2D(4, 8, 8, 8, 3, 3, Unroll = ConvUnroll.Full)"));
        Add(On("Conv2D(1, 256, 256, 1, 1, 1)"));
        foreach (var row in (System.Collections.Generic.IEnumerable<object[]>)Malformed)
            Add((string)row[0]);
        Snapshot.VerifyText(sb.ToString());
    }
}
