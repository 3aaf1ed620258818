/** How clients reach a Vertex AI endpoint. */
export enum GcpEndpointNetworking {
  /** The public Vertex AI API endpoint. */
  Public = "public",
  /** VPC Network Peering with a network that has private services access configured. */
  VpcPeering = "vpcPeering",
  /** Private Service Connect (the default for `confidential` and `restricted` data). */
  PrivateServiceConnect = "privateServiceConnect",
}
