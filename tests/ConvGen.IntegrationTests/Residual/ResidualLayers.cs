using ConvGen;

namespace ConvGen.IntegrationTests.Residual;

// Residual = true on every code strategy, each where its kernels' blocks and vectors overlap (so that an in-place
// residual would be read after it was overwritten if a kernel stored an element twice): straight-line batched and per
// sample, looped scalar, the SIMD gather with a clamped last vector (37 columns), a clamped last tile (100 columns) and
// a clamped last channel block (11 channels), depthwise row blocks (9 rows), folded constant weights, the scatter of a
// transposed layer, 1-D, 3-D and 3-D transposed, [Linear]'s dense tiles; float and double, with activations.
[Conv2D(1, 4, 4, 2, 3, 3, Padding = 1, Bias = true, Residual = true, Activation = ConvActivation.Relu)] public static partial class RBatched;
[Conv2D(1, 4, 4, 1, 3, 3, Padding = 1, Residual = true, Weights = new double[] { 1, 0, -1, 2, 0.5, -2, 1, 0, -1 }, Activation = ConvActivation.Tanh)] public static partial class RConst;
[Conv2D(4, 8, 3, 4, 3, 3, Padding = 1, Bias = true, Residual = true, Activation = ConvActivation.LeakyRelu)] public static partial class RLooped;
[Conv2D(3, 50, 37, 11, 3, 3, Padding = 1, Bias = true, Residual = true, Activation = ConvActivation.Silu)] public static partial class RSimd;
[Conv2D(2, 4, 100, 11, 3, 3, Padding = 1, Residual = true, Activation = ConvActivation.Relu6)] public static partial class RSimdWide;
[Conv2D(2, 6, 6, 3, 3, 3, Padding = 1, Bias = true, Residual = true, Activation = ConvActivation.Silu, ElementType = typeof(double))] public static partial class RSimdDouble;
[Conv2D(8, 80, 96, 8, 3, 3, Padding = 1, Groups = 8, Bias = true, Residual = true, Activation = ConvActivation.HardSwish)] public static partial class RDepthwise;
[Conv2D(16, 30, 30, 37, 1, 1, Bias = true, Residual = true, Activation = ConvActivation.Silu)] public static partial class RPointwise;
[Conv2D(32, 70, 30, 8, 1, 1, Bias = true, Residual = true, Activation = ConvActivation.Relu6)] public static partial class RPointwiseRows;
[Conv2D(1, 12, 40, 1, 3, 3, Padding = 1, Residual = true, Weights = new double[] { 1, 0, -1, 2, 0, -2, 1, 0, -1 }, Activation = ConvActivation.Clip, ClipMin = -1, ClipMax = 1)] public static partial class RFolded;
[ConvTranspose2D(4, 6, 20, 3, 3, 3, Stride = 2, Padding = 1, Bias = true, Residual = true, Activation = ConvActivation.Sigmoid)] public static partial class RTransposed;
[ConvTranspose2D(2, 3, 3, 2, 2, 2, Residual = true, ElementType = typeof(double))] public static partial class RTransposedSmall;
[Conv1D(4, 50, 6, 5, Padding = 2, Bias = true, Residual = true, Activation = ConvActivation.Silu)] public static partial class R1D;
[Conv3D(2, 4, 5, 18, 3, 3, 3, 3, Padding = 1, Bias = true, Residual = true, Activation = ConvActivation.Silu)] public static partial class R3D;
[ConvTranspose3D(2, 2, 3, 3, 2, 2, 2, 2, Stride = 2, Bias = true, Residual = true, Activation = ConvActivation.Relu, ElementType = typeof(double))] public static partial class R3DTransposed;
[Linear(130, 21, Bias = true, Residual = true, Activation = ConvActivation.Silu)] public static partial class RLinear;
[Linear(77, 30, Residual = true, Activation = ConvActivation.LeakyRelu, ElementType = typeof(double))] public static partial class RLinearDouble;
