import { describe, expect, it } from 'vitest';
import { createRecordWriter } from '../../../src/main/core/sync/apply-records';
import { readCustomerCard } from '../../../src/main/core/customers/customer-card';
import {
  inProcessFitter,
  modelEstimateFor,
  startPredictionService,
  withPredictions,
} from '../../../src/main/core/predictions/prediction-service';
import { createOutreachService } from '../../../src/main/core/outreach/outreach-service';
import { DEMO_FEATURED_CUSTOMERS } from '../../../src/shared/demo/featured-customers';
import { featuredCustomerRecords } from '../../../src/shared/demo/featured-customers';
import { DEFAULT_DEMO_NOW } from '../../../src/shared/demo/generate-demo-records';
import { newSequences } from '../../../src/shared/demo/ids';
import { openTestDatabase } from '../../fixtures/test-database';

/**
 * The outreach list and the customer card show the same Koe date for the same parcel: both come
 * from `shipmentEstimate` through one prediction service at its one clock. 高橋 誠's parcel is
 * the case: the model's date differs from the carrier's, so a list falling back to the carrier's
 * date (or scoring at another moment) would show a different day than the card.
 */
const NOW = DEFAULT_DEMO_NOW.getTime() + 10 * 3_600_000;
const TAKAHASHI = DEMO_FEATURED_CUSTOMERS.lateUntold;

describe('one delivery date for the card and the outreach list', () => {
  it("高橋 誠's parcel: the list's Koe date is the card's, and the carrier's date rides beside it", async () => {
    const database = await openTestDatabase();
    createRecordWriter(database.sqlite).apply(featuredCustomerRecords(NOW, newSequences()));
    const service = startPredictionService({
      db: database.db,
      fitter: inProcessFitter(database.sqlite),
      now: () => NOW,
    });
    try {
      await service.refresh({ force: true });
      expect(service.models().delivery).not.toBeNull();

      const card = withPredictions(
        service,
        (await readCustomerCard(database.db, TAKAHASHI.customerId))!,
      );
      const shipment = card.shipments.find((s) => s.id === TAKAHASHI.shipmentId)!;
      const onCard = card.predictions?.deliveryEstimates.find((e) => e.shipmentId === shipment.id);
      expect(onCard).toBeDefined();
      // The case only proves something when Koe's day is not the carrier's.
      expect(onCard!.date).not.toBe(shipment.estimatedDate);

      const list = await createOutreachService({
        sqlite: database.sqlite,
        now: () => NOW,
        estimate: modelEstimateFor(service),
      }).list(100);
      const entry = list.entries.find((e) => e.shipmentId === TAKAHASHI.shipmentId);
      expect(entry?.estimatedDate).toBe(onCard!.date);
      expect(entry?.carrierEstimatedDate).toBe(shipment.estimatedDate);
    } finally {
      service.close();
      await database.close();
    }
  });
});
