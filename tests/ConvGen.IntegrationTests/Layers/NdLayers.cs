namespace ConvGen.IntegrationTests.Nd;

// [Conv1D], [ConvTranspose1D], [Conv3D] and [ConvTranspose3D] layers: every property on every kind, small
// layers (straight-line code) and large ones (looped and SIMD kernels). NdLayers.Registry.cs repeats
// every geometry by hand, padding resolved per side, for the independent N-D reference.

// ---- Conv1D ----
[Conv1D(2, 9, 3, 3)]
public static partial class C1Basic;

[Conv1D(2, 11, 2, 3, Stride = 2)]
public static partial class C1Stride;

[Conv1D(1, 12, 2, 3, Dilation = 3, ElementType = typeof(double))]
public static partial class C1Dilation;

[Conv1D(4, 10, 6, 3, Groups = 2, Padding = 1, Bias = true, ElementType = typeof(double))]
public static partial class C1Groups;

[Conv1D(3, 8, 3, 3, Groups = 3, Padding = 1, Bias = true, Activation = ConvActivation.Relu)]
public static partial class C1Depthwise;

[Conv1D(2, 7, 2, 3, Padding = 2, PaddingMode = ConvPaddingMode.Reflect, ElementType = typeof(double))]
public static partial class C1Reflect;

[Conv1D(1, 6, 2, 4, PaddingLeft = 3, PaddingRight = 1, PaddingMode = ConvPaddingMode.Replicate)]
public static partial class C1Replicate;

[Conv1D(2, 5, 1, 3, Padding = 4, PaddingMode = ConvPaddingMode.Circular, ElementType = typeof(double))]
public static partial class C1Circular;

[Conv1D(2, 8, 2, 3, PaddingLeft = 2, ElementType = typeof(double))]
public static partial class C1Asym;

[Conv1D(1, 9, 2, 4, Stride = 2, AutoPad = ConvAutoPad.SameUpper, ElementType = typeof(double))]
public static partial class C1SameUpper;

[Conv1D(2, 7, 1, 2, AutoPad = ConvAutoPad.SameLower)]
public static partial class C1SameLower;

[Conv1D(1, 8, 1, 1, Stride = 2, AutoPad = ConvAutoPad.SameUpper)]
public static partial class C1SameClamped;

[Conv1D(1, 8, 2, 3, Flip = true, Bias = true)]
public partial struct C1Flip;

[Conv1D(1, 10, 1, 3, Weights = new double[] { 1, -2, 1 })]
public static partial class C1Const;

[Conv1D(2, 6, 1, 2, Bias = true, ElementType = typeof(double), Weights = new double[] { 0.5, -1, 2, 0.25 })]
public static partial class C1ConstBias;

[Conv1D(2, 16, 4, 5, Padding = 2, Unroll = ConvUnroll.Full)]
public static partial class C1Full;

[Conv1D(4, 64, 8, 5, Padding = 2, Bias = true, Activation = ConvActivation.Relu)]
public static partial class C1Large;

[Conv1D(3, 100, 5, 7, Stride = 2, Dilation = 2, ElementType = typeof(double))]
public static partial class C1LargeDouble;

[Conv1D(2, 80, 4, 5, Padding = 2, PaddingMode = ConvPaddingMode.Reflect)]
public static partial class C1LargeReflect;

// ---- ConvTranspose1D ----
[ConvTranspose1D(2, 5, 3, 3)]
public static partial class T1Basic;

[ConvTranspose1D(2, 4, 2, 3, Stride = 2, Padding = 1, OutputPadding = 1)]
public static partial class T1Stride;

[ConvTranspose1D(4, 5, 2, 3, Groups = 2, Dilation = 2, Bias = true, ElementType = typeof(double))]
public static partial class T1GroupsDilation;

[ConvTranspose1D(1, 4, 1, 3, Stride = 2, AutoPad = ConvAutoPad.SameUpper, ElementType = typeof(double))]
public static partial class T1SameUpper;

[ConvTranspose1D(1, 6, 2, 2, Stride = 3, Flip = true)]
public static partial class T1Flip;

[ConvTranspose1D(2, 5, 2, 3, Stride = 2, Bias = true, Activation = ConvActivation.Relu)]
public static partial class T1Relu;

[ConvTranspose1D(1, 5, 1, 3, Stride = 2, Weights = new double[] { 1, 2, 1 })]
public static partial class T1Const;

[ConvTranspose1D(8, 32, 4, 4, Stride = 2, Padding = 1, Bias = true)]
public static partial class T1Large;

[ConvTranspose1D(3, 50, 6, 5, Dilation = 2, ElementType = typeof(double))]
public static partial class T1LargeDouble;

// ---- Conv3D ----
[Conv3D(2, 3, 4, 5, 2, 2, 3, 3, ElementType = typeof(double))]
public static partial class C3Basic;

[Conv3D(1, 4, 4, 4, 2, 3, 3, 3, Padding = 1, Bias = true)]
public static partial class C3Padded;

[Conv3D(2, 5, 6, 6, 2, 3, 3, 3, Stride = 2, Padding = 1)]
public static partial class C3Stride;

[Conv3D(1, 6, 5, 4, 1, 2, 2, 2, StrideT = 2, StrideW = 2, DilationT = 2, ElementType = typeof(double))]
public static partial class C3AxisStride;

[Conv3D(4, 3, 4, 4, 4, 1, 3, 3, Groups = 2, Padding = 1, Bias = true, ElementType = typeof(double))]
public static partial class C3Groups;

[Conv3D(3, 3, 5, 5, 3, 3, 3, 3, Groups = 3, Padding = 1, Bias = true, Activation = ConvActivation.Relu)]
public static partial class C3Depthwise;

[Conv3D(1, 3, 4, 5, 2, 2, 3, 3, PaddingT = 1, PaddingH = 2, PaddingW = 1, PaddingMode = ConvPaddingMode.Reflect, ElementType = typeof(double))]
public static partial class C3Reflect;

[Conv3D(2, 2, 3, 4, 1, 2, 2, 3, Padding = 1, Stride = 2, PaddingMode = ConvPaddingMode.Replicate)]
public static partial class C3Replicate;

[Conv3D(1, 3, 3, 4, 2, 3, 2, 3, PaddingFront = 2, PaddingBack = 1, PaddingTop = 1, PaddingRight = 2, PaddingMode = ConvPaddingMode.Circular, ElementType = typeof(double))]
public static partial class C3Circular;

[Conv3D(2, 4, 4, 4, 1, 2, 2, 2, PaddingFront = 1, PaddingBottom = 1, PaddingLeft = 1, PaddingRight = 1, ElementType = typeof(double))]
public static partial class C3Asym;

[Conv3D(1, 5, 6, 7, 2, 2, 3, 4, Stride = 2, AutoPad = ConvAutoPad.SameUpper, ElementType = typeof(double))]
public static partial class C3SameUpper;

[Conv3D(1, 4, 5, 4, 1, 3, 2, 3, AutoPad = ConvAutoPad.SameLower)]
public static partial class C3SameLower;

[Conv3D(1, 3, 4, 4, 2, 2, 3, 2, Flip = true, Bias = true, ElementType = typeof(double))]
public partial record C3Flip;

[Conv3D(1, 3, 4, 4, 1, 2, 2, 2, Weights = new double[] { 1, -1, 0.5, 0, 0, 2, -0.25, 1 })]
public static partial class C3Const;

[Conv3D(1, 2, 3, 3, 2, 1, 2, 2, Bias = true, ElementType = typeof(double), Weights = new double[] { 1, 0, 0, -1, 0.5, 0.5, -0.5, 2 })]
public static partial class C3ConstBias;

[Conv3D(1, 3, 4, 4, 2, 2, 2, 2, Unroll = ConvUnroll.Full)]
public static partial class C3Full;

[Conv3D(2, 4, 10, 12, 4, 3, 3, 3, Padding = 1, Bias = true, Activation = ConvActivation.Relu)]
public static partial class C3Large;

[Conv3D(2, 3, 8, 16, 4, 2, 3, 3, PaddingH = 1, PaddingW = 1, ElementType = typeof(double))]
public static partial class C3LargeDouble;

[Conv3D(2, 4, 6, 20, 3, 3, 3, 3, Padding = 1, PaddingMode = ConvPaddingMode.Reflect)]
public static partial class C3LargeReflect;

// ---- ConvTranspose3D ----
[ConvTranspose3D(2, 2, 3, 3, 2, 2, 2, 2, ElementType = typeof(double))]
public static partial class T3Basic;

[ConvTranspose3D(1, 2, 3, 3, 2, 3, 3, 3, Stride = 2, Padding = 1, OutputPadding = 1)]
public static partial class T3Stride;

[ConvTranspose3D(2, 3, 2, 3, 1, 2, 3, 2, StrideT = 2, StrideW = 3, OutputPaddingW = 1, DilationH = 2, ElementType = typeof(double))]
public static partial class T3AxisStride;

[ConvTranspose3D(4, 2, 3, 3, 2, 2, 2, 2, Groups = 2, Bias = true, ElementType = typeof(double))]
public static partial class T3GroupsBias;

[ConvTranspose3D(2, 2, 2, 3, 2, 3, 3, 3, Padding = 1, Bias = true, Activation = ConvActivation.Relu)]
public static partial class T3Relu;

[ConvTranspose3D(1, 2, 3, 3, 1, 3, 3, 3, Stride = 2, AutoPad = ConvAutoPad.SameUpper, ElementType = typeof(double))]
public static partial class T3SameUpper;

[ConvTranspose3D(1, 2, 2, 3, 2, 2, 2, 2, StrideH = 2, Flip = true)]
public static partial class T3Flip;

[ConvTranspose3D(1, 2, 2, 2, 1, 2, 2, 2, Stride = 2, Weights = new double[] { 1, 2, 3, 4, -1, -2, 0.5, 0 })]
public static partial class T3Const;

[ConvTranspose3D(4, 4, 8, 8, 4, 2, 3, 3, StrideH = 2, StrideW = 2, Bias = true)]
public static partial class T3Large;
