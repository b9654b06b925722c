using ConvGen;

namespace ConvGen.IntegrationTests.Linear;

// [Linear] on every code strategy: straight-line (small), looped and SIMD matrix-vector kernels (wide rows, rows and
// inputs not multiples of a vector), batched kernels; float and double; bias, ReLU, constant weights.
[Linear(3, 2)] public static partial class LTiny;
[Linear(5, 4, Bias = true, Activation = ConvActivation.Relu, ElementType = typeof(double))] public static partial class LSmallDouble;
[Linear(4, 3, Weights = new double[] { 1, -2, 0, 0.5, 0, 0, 3, -1, 2, 2, -0.25, 1 })] public static partial class LConst;
[Linear(3, 2, Bias = true, Weights = new double[] { 0.5, -1, 2, 0, 1.5, -3 }, ElementType = typeof(double))] public static partial class LConstBias;
[Linear(100, 37, Bias = true)] public static partial class LMid;
[Linear(257, 67, Bias = true, Activation = ConvActivation.Relu)] public static partial class LOdd;
[Linear(1024, 40)] public static partial class LWide;
[Linear(131, 29, ElementType = typeof(double))] public static partial class LMidDouble;
[Linear(300, 41, Bias = true, ElementType = typeof(double))] public static partial class LWideDouble;
[Linear(7, 300, Bias = true)] public static partial class LTall;

// At least 262,144 multiply-adds: the parallel Forward splits one sample into ranges of W's rows (259 and 441 rows:
// register tiles of 8 and a remainder). Tested in ParallelForwardTests (M's reference would take minutes).
[Linear(1024, 259, Bias = true, Residual = true, Activation = ConvActivation.Relu)] public static partial class LSplit;
[Linear(600, 441, ElementType = typeof(double))] public static partial class LSplitDouble;

// Dense layers in disguise: a kernel that covers the whole input at one position gets the same matrix kernels.
[Conv2D(4, 5, 6, 33, 5, 6, Bias = true, Activation = ConvActivation.Relu)] public static partial class LConvDense;
[Conv1D(3, 70, 20, 70, ElementType = typeof(double))] public static partial class LConv1DDense;
[Conv2D(40, 1, 1, 50, 1, 1, Flip = true, Bias = true)] public static partial class LConvPointDense;

// Rows of 128 doubles (1 KiB): x and W can fall in the same L1 sets, so Forward of a batch stages x (StagedBatchTests).
[Linear(128, 19, Bias = true, ElementType = typeof(double))] public static partial class LStagedDouble;
