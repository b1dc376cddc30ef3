/** Provided by models/tools/mnistAssetPlugin.ts: the URL of the app's own MNIST digit asset. */
declare module 'virtual:mnist-digits' {
  const url: string;
  export default url;
}
