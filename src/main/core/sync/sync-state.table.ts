export interface SyncStateTable {
  key: string;
  value: string;
}
