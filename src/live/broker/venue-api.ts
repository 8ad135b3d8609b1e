/**
 * @module The order-side calls the broker makes, on one host: OrdersService / OperationsService on
 * production, their SandboxService twins with `sandbox: true`. Every call goes through the client's
 * policies (`client.raw.call`); answers come back as the converters' plain views.
 */
import {
  orderIdType,
  orderStateView,
  postOrderRequest,
  postOrderView,
  type BrokerOrderSpec,
  type VenueOrderView,
} from '../../wire/convert/index.ts';
import {
  OperationsServiceService,
  type PositionsRequest,
  type PositionsResponse,
} from '../../wire/generated/tinkoff/public/invest/api/contract/v1/operations.ts';
import {
  CancelOrderRequest,
  GetOrdersRequest,
  GetOrderStateRequest,
  OrdersServiceService,
  type CancelOrderResponse,
  type GetOrdersResponse,
  type OrderState,
  type PostOrderRequest,
  type PostOrderResponse,
} from '../../wire/generated/tinkoff/public/invest/api/contract/v1/orders.ts';
import { SandboxServiceService } from '../../wire/generated/tinkoff/public/invest/api/contract/v1/sandbox.ts';
import type { TinvestClient } from '../client/tinvest-client.ts';
import type { UnaryDefinition } from '../client/unary-caller.ts';

interface Defs {
  post: UnaryDefinition<PostOrderRequest, PostOrderResponse>;
  cancel: UnaryDefinition<CancelOrderRequest, CancelOrderResponse>;
  state: UnaryDefinition<GetOrderStateRequest, OrderState>;
  orders: UnaryDefinition<GetOrdersRequest, GetOrdersResponse>;
  positions: UnaryDefinition<PositionsRequest, PositionsResponse>;
}

const PROD: Defs = {
  post: OrdersServiceService.postOrder,
  cancel: OrdersServiceService.cancelOrder,
  state: OrdersServiceService.getOrderState,
  orders: OrdersServiceService.getOrders,
  positions: OperationsServiceService.getPositions,
};

const SANDBOX: Defs = {
  post: SandboxServiceService.postSandboxOrder,
  cancel: SandboxServiceService.cancelSandboxOrder,
  state: SandboxServiceService.getSandboxOrderState,
  orders: SandboxServiceService.getSandboxOrders,
  positions: SandboxServiceService.getSandboxPositions,
};

/** A security position on the venue, in pieces (free plus blocked). */
export interface VenuePosition {
  instrumentUid: string;
  pieces: number;
}

/** The calls of one account on one host. */
export class VenueApi {
  private readonly defs: Defs;

  constructor(
    private readonly client: TinvestClient,
    readonly accountId: string,
    readonly sandbox: boolean,
  ) {
    this.defs = sandbox ? SANDBOX : PROD;
  }

  /** PostOrder with the spec's idempotency key. */
  async post(spec: Omit<BrokerOrderSpec, 'accountId'>): Promise<VenueOrderView> {
    const req = postOrderRequest({ ...spec, accountId: this.accountId });
    return postOrderView(await this.client.raw.call(this.defs.post, req));
  }

  /** GetOrderState by the exchange id, or by the client key with `byRequest`. */
  async state(id: string, byRequest = false): Promise<VenueOrderView> {
    const req = GetOrderStateRequest.fromPartial({
      accountId: this.accountId,
      orderId: id,
      orderIdType: orderIdType(byRequest),
    });
    return orderStateView(await this.client.raw.call(this.defs.state, req));
  }

  /** CancelOrder by the exchange id. */
  async cancel(venueId: string): Promise<void> {
    const req = CancelOrderRequest.fromPartial({ accountId: this.accountId, orderId: venueId });
    await this.client.raw.call(this.defs.cancel, req);
  }

  /** The account's active orders. */
  async openOrders(): Promise<VenueOrderView[]> {
    const req = GetOrdersRequest.fromPartial({ accountId: this.accountId });
    return (await this.client.raw.call(this.defs.orders, req)).orders.map(orderStateView);
  }

  /** The account's security positions. */
  async positions(): Promise<VenuePosition[]> {
    const res = await this.client.raw.call(this.defs.positions, { accountId: this.accountId });
    return res.securities.map((s) => ({
      instrumentUid: s.instrumentUid,
      pieces: s.balance + s.blocked,
    }));
  }
}
