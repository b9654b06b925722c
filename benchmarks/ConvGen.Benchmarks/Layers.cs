using ConvGen;

namespace ConvGen.Benchmarks;

// The eight layers PERF-NOTES measured the peers on (float32, batch 1, NCHW, valid padding) …
[Conv2D(1, 3, 3, 2, 2, 2)] public static partial class L1Tiny;
[Conv2D(1, 4, 4, 1, 3, 3)] public static partial class L2Seed;
[Conv2D(1, 28, 28, 8, 5, 5)] public static partial class L3Mnist;
[Conv2D(3, 32, 32, 16, 3, 3)] public static partial class L4Cifar;
[Conv2D(16, 32, 32, 32, 3, 3)] public static partial class L5Mid;
[Conv2D(64, 56, 56, 64, 3, 3)] public static partial class L6ResNet;
[Conv2D(64, 28, 28, 128, 1, 1)] public static partial class L7Pointwise;
[Conv2D(3, 224, 224, 64, 7, 7, Stride = 2)] public static partial class L8Stem;

// … and the layers the speed issue adds.
[Conv2D(1, 4, 4, 1, 3, 3, Weights = new double[] { 1, 0, -1, 2, 0, -2, 1, 0, -1 })] public static partial class SobelConst;
[Conv2D(16, 32, 32, 32, 3, 3, Stride = 2, Padding = 1)] public static partial class Strided;
[Conv2D(64, 56, 56, 64, 3, 3, Groups = 64, Padding = 1)] public static partial class Depthwise;
[ConvTranspose2D(32, 16, 16, 16, 4, 4, Stride = 2, Padding = 1)] public static partial class Upsample;

// Constant weights on an image: the SIMD kernel with the weights folded in, against the same layer with weights at run time.
[Conv2D(1, 256, 256, 1, 3, 3, Padding = 1, Weights = new double[] { 1, 0, -1, 2, 0, -2, 1, 0, -1 })] public static partial class SobelImage;
[Conv2D(1, 256, 256, 1, 3, 3, Padding = 1)] public static partial class SobelImageRuntime;

// Version 2's axes: a 1-D layer (keyword spotting, audio) and a 3-D one (video, volumes) of ≥ 10 MFLOP.
[Conv1D(64, 512, 64, 3, Padding = 1)] public static partial class Audio1D;
[Conv2D(64, 1, 512, 64, 1, 3, PaddingW = 1)] public static partial class Audio1DAs2D;
[Conv3D(16, 8, 16, 16, 32, 3, 3, 3, Padding = 1)] public static partial class Video3D;
