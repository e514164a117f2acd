import type { RetailerRecord } from '../../src/shared/protocol/records';
import { hashPassword } from './auth/passwords';
import { applyChanges } from './data/change-log';
import {
  collectOrderRefs,
  generateDemoVocHistory,
  insertDemoVocHistory,
  type DemoOrderRef,
} from './demo-voc-history';
import type { ServerDb } from './db/schema';
import type { Role } from './db/schema';

export const DEMO_TENANT_ID = 'demo-retailer';
export const DEMO_PASSWORD = 'koe-demo';

export interface SeedUser {
  id: string;
  email: string;
  role: Role;
  centerId: string | null;
  displayName: string;
  /** The name's kana reading (the admin's users list shows it). */
  nameKana?: string;
}

export const DEMO_USERS: readonly SeedUser[] = [
  {
    id: 'agent-tokyo-1',
    email: 'agent@demo.koe.example',
    role: 'agent',
    centerId: 'center-tokyo',
    displayName: '山田 美咲',
    nameKana: 'やまだ みさき',
  },
  {
    id: 'agent-osaka-1',
    email: 'agent.osaka@demo.koe.example',
    role: 'agent',
    centerId: 'center-osaka',
    displayName: '中村 翔',
    nameKana: 'なかむら しょう',
  },
  {
    id: 'trainer-tokyo-1',
    email: 'trainer@demo.koe.example',
    role: 'trainer',
    centerId: 'center-tokyo',
    displayName: '小林 恵',
    nameKana: 'こばやし めぐみ',
  },
  {
    id: 'supervisor-tokyo-1',
    email: 'supervisor@demo.koe.example',
    role: 'supervisor',
    centerId: 'center-tokyo',
    displayName: '加藤 直樹',
    nameKana: 'かとう なおき',
  },
  {
    id: 'admin-1',
    email: 'admin@demo.koe.example',
    role: 'retailer_admin',
    centerId: null,
    displayName: 'Retailer Admin',
  },
];

/** Creates a tenant with its centers and users (idempotent by id). */
export async function createTenant(
  db: ServerDb,
  tenant: {
    id: string;
    name: string;
    retentionDays?: number;
    centers: { id: string; name: string }[];
    users: readonly SeedUser[];
    password: string;
  },
): Promise<void> {
  const now = new Date().toISOString();
  await db
    .insertInto('tenants')
    .values({
      id: tenant.id,
      name: tenant.name,
      retention_days: tenant.retentionDays ?? 730,
      created_at: now,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  await db
    .insertInto('tenant_sequences')
    .values({ tenant_id: tenant.id, value: 0 })
    .onConflict((oc) => oc.column('tenant_id').doNothing())
    .execute();
  for (const c of tenant.centers) {
    await db
      .insertInto('centers')
      .values({ id: c.id, tenant_id: tenant.id, name: c.name })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }
  const passwordHash = await hashPassword(tenant.password);
  for (const u of tenant.users) {
    await db
      .insertInto('users')
      .values({
        id: u.id,
        tenant_id: tenant.id,
        center_id: u.centerId,
        role: u.role,
        email: u.email,
        display_name: u.displayName,
        name_kana: u.nameKana ?? null,
        password_hash: passwordHash,
        created_at: now,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }
}

/** An empty database gets the demo retailer, its users and its data. */
export async function seedDemoRetailerIfEmpty(
  db: ServerDb,
  records: () => Iterable<RetailerRecord[]>,
): Promise<boolean> {
  const existing = await db.selectFrom('tenants').select('id').limit(1).executeTakeFirst();
  if (existing) return false;
  await createTenant(db, {
    id: DEMO_TENANT_ID,
    name: 'デモ通販 (Demo Retailer)',
    centers: [
      { id: 'center-tokyo', name: '東京パートナーセンター' },
      { id: 'center-osaka', name: '大阪パートナーセンター' },
    ],
    users: DEMO_USERS,
    password: DEMO_PASSWORD,
  });
  const orders = new Map<string, DemoOrderRef>();
  for (const batch of records()) {
    await applyChanges(db, DEMO_TENANT_ID, batch, []);
    collectOrderRefs(batch, orders);
  }
  // Eight weeks of past calls, so the insights view has something to say in the demo.
  if (orders.size > 0) {
    await insertDemoVocHistory(
      db,
      DEMO_TENANT_ID,
      generateDemoVocHistory([...orders.values()], new Date()),
    );
  }
  return true;
}
