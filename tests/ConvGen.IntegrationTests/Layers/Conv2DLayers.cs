namespace ConvGen.IntegrationTests;

// Small [Conv2D] layers (Zeros padding), each below the full-unroll budget unless noted.
// Conv2DLayers.Registry.cs repeats every geometry by hand for the reference.

// ---- the seeds ----
[Conv2D(1, 3, 3, 2, 2, 2)]
public static partial class Seed1;

[Conv2D(1, 3, 3, 2, 2, 2, Flip = true)]
public partial struct Seed1Flip;

[Conv2D(1, 4, 4, 1, 3, 3)]
public static partial class SobelRuntime;

[Conv2D(1, 4, 4, 1, 3, 3, Weights = new double[] { 1, 0, -1, 2, 0, -2, 1, 0, -1 })]
public static partial class SobelX;

[Conv2D(1, 4, 4, 1, 3, 3, Flip = true, Weights = new double[] { 1, 0, -1, 2, 0, -2, 1, 0, -1 })]
public static partial class SobelXFlip;

// ---- stride ----
[Conv2D(2, 7, 7, 3, 3, 3, Stride = 2)]
public partial record Stride2;

[Conv2D(1, 8, 6, 2, 3, 3, StrideH = 2)]
public static partial class StrideH2;

[Conv2D(2, 5, 9, 2, 2, 3, StrideW = 3)]
public static partial class StrideW3;

[Conv2D(1, 9, 8, 1, 3, 2, StrideH = 3, StrideW = 2)]
public partial record struct StrideHW;

[Conv2D(1, 7, 7, 1, 2, 2, Stride = 3)]
public static partial class StrideBeyondKernel;

// ---- padding ----
[Conv2D(2, 5, 5, 2, 3, 3, Padding = 1)]
public static partial class Pad1;

[Conv2D(1, 4, 6, 2, 3, 3, PaddingH = 2)]
public partial struct PadH2;

[Conv2D(2, 3, 4, 1, 2, 2, PaddingW = 1)]
public static partial class PadW1;

[Conv2D(1, 3, 3, 1, 2, 2, PaddingH = 1, PaddingW = 2)]
public static partial class PadHW;

[Conv2D(1, 2, 2, 1, 2, 2, Padding = 2)]
public static partial class PadBeyondKernel;

// ---- dilation ----
[Conv2D(2, 7, 7, 2, 3, 3, Dilation = 2)]
public partial record struct Dil2;

[Conv2D(1, 6, 5, 2, 2, 2, DilationH = 2)]
public static partial class DilH2;

[Conv2D(1, 4, 8, 1, 2, 3, DilationW = 3)]
public static partial class DilW3;

// ---- groups ----
[Conv2D(4, 5, 5, 4, 3, 3, Groups = 2)]
public static partial class Groups2;

[Conv2D(3, 5, 5, 3, 3, 3, Groups = 3, Padding = 1)]
public static partial class Depthwise;

[Conv2D(2, 4, 4, 4, 2, 2, Groups = 2)]
public static partial class DepthwiseMult2;

[Conv2D(3, 4, 4, 6, 3, 3, Groups = 3, Padding = 1)]
public partial record GroupsMult3;

[Conv2D(6, 4, 4, 2, 2, 2, Groups = 2)]
public static partial class Groups2Reduce;

// ---- bias, activation, flip ----
[Conv2D(2, 4, 4, 3, 3, 3, Bias = true)]
public static partial class WithBias;

[Conv2D(2, 4, 4, 2, 2, 2, Activation = ConvActivation.Relu)]
public static partial class WithRelu;

[Conv2D(3, 5, 5, 4, 3, 3, Padding = 1, Bias = true, Activation = ConvActivation.Relu)]
public static partial class BiasRelu;

[Conv2D(2, 6, 6, 2, 3, 3, Flip = true, Stride = 2, Padding = 1)]
public static partial class FlipStridePad;

[Conv2D(4, 6, 6, 2, 3, 2, Flip = true, Groups = 2, DilationH = 2)]
public static partial class FlipGroupsDil;

// ---- double ----
[Conv2D(2, 4, 4, 2, 3, 3, ElementType = typeof(double))]
public static partial class DoubleBasic;

[Conv2D(2, 5, 5, 3, 3, 3, Padding = 1, Bias = true, Activation = ConvActivation.Relu, ElementType = typeof(double))]
public static partial class DoubleBiasRelu;

[Conv2D(2, 9, 9, 2, 3, 3, Stride = 2, Dilation = 2, ElementType = typeof(double))]
public static partial class DoubleStrideDil;

[Conv2D(2, 4, 5, 2, 2, 3, Bias = true, Flip = true, ElementType = typeof(double))]
public partial struct DoubleBiasFlip;

// ---- constant weights ----
[Conv2D(2, 5, 5, 2, 2, 2, Weights = new double[] { 1, 0, 0, -1, 0, 0.5, 0, 0, 0, 0, 0, 0, 2, -1, 0.25, 0 })]
public static partial class ConstMulti;

[Conv2D(1, 4, 4, 2, 3, 3, Bias = true, Weights = new double[] { 0, 1, 0, 1, -4, 1, 0, 1, 0, 1, 2, 1, 0, 0, 0, -1, -2, -1 })]
public static partial class ConstBias;

[Conv2D(1, 5, 5, 1, 3, 3, Padding = 1, ElementType = typeof(double), Weights = new double[] { 0, 1, 0, 1, -4, 1, 0, 1, 0 })]
public static partial class ConstDouble;

[Conv2D(1, 3, 3, 1, 2, 2, Bias = true, Weights = new double[] { 0, 0, 0, 0 })]
public static partial class ConstZeros;

[Conv2D(2, 4, 4, 1, 2, 2, Stride = 2, Weights = new double[] { 0.1, -0.3, 0.7, 0.001, 3.14159, 0, -2.5, 1e-5 })]
public static partial class ConstFraction;

// ---- Unroll = Full (all below the budget) ----
[Conv2D(2, 4, 4, 2, 3, 3, Padding = 1, Unroll = ConvUnroll.Full)]
public static partial class FullSmall;

[Conv2D(4, 6, 6, 2, 2, 2, Groups = 2, Stride = 2, Dilation = 2, Bias = true, Activation = ConvActivation.Relu, Unroll = ConvUnroll.Full)]
public static partial class FullCombo;

[Conv2D(1, 4, 4, 1, 3, 3, Flip = true, Bias = true, Unroll = ConvUnroll.Full, Weights = new double[] { 1, 2, 1, 0, 0, 0, -1, -2, -1 })]
public static partial class FullConst;

[Conv2D(1, 5, 5, 2, 3, 3, Padding = 1, Activation = ConvActivation.Relu, ElementType = typeof(double), Unroll = ConvUnroll.Full)]
public static partial class FullDouble;

// ---- kernel shapes and combinations ----
[Conv2D(4, 3, 3, 5, 1, 1)]
public static partial class Kernel1x1;

[Conv2D(2, 3, 3, 3, 3, 3)]
public static partial class KernelIsInput;

[Conv2D(2, 5, 7, 2, 1, 3, PaddingW = 1)]
public static partial class Kernel1x3;

[Conv2D(2, 6, 4, 3, 3, 1, StrideH = 2)]
public static partial class Kernel3x1;

[Conv2D(2, 6, 6, 4, 3, 3, StrideH = 2, PaddingH = 1, PaddingW = 2, DilationW = 2, Groups = 2, Bias = true)]
public static partial class Combo;

[Conv2D(3, 2, 2, 1, 2, 2)]
public static partial class SingleOutput;

// ---- declaration shapes: nested, internal (the global-namespace one is in GlobalLayer.cs) ----
public static partial class Outer
{
    [Conv2D(1, 5, 5, 2, 2, 2, Dilation = 2, Padding = 1)]
    public static partial class Nested;
}

[Conv2D(3, 4, 4, 3, 2, 2, Groups = 3, Bias = true)]
internal static partial class InternalLayer;
