// Fixture Task that always fails with a named error, for Catch by error name.
class OrderBrokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OrderBroken';
  }
}

export async function handler(event: { orderId: string }): Promise<never> {
  throw new OrderBrokenError(`order ${event.orderId} cannot be processed`);
}
