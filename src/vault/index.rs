//! The merged view of all devices' journals: record id → current version, last writer wins by
//! (time, device, seq). Applying entries is order-independent, so devices may sync in any order.

use std::collections::BTreeMap;

use super::format::{Head, IndexEntry, JournalEntry, Op, RecordRef, Stamp};
use super::ids::{DeviceId, RecordId};

#[derive(Debug, Default, Clone)]
pub struct Index {
    pub records: BTreeMap<RecordId, IndexEntry>,
    /// The last applied entry of each device.
    pub heads: BTreeMap<DeviceId, Head>,
}

impl Index {
    /// Applies one authenticated entry whose signed plaintext hashes to `hash`.
    pub fn apply(&mut self, entry: &JournalEntry, hash: [u8; 32]) {
        let stamp = Stamp {
            time_ms: entry.time_ms,
            device: entry.device.clone(),
            seq: entry.seq,
        };
        for op in &entry.ops {
            let (record, new_entry) = match op {
                Op::Put { record, entry } => (record, Some(entry.clone())),
                Op::Delete { record } => (record, None),
            };
            let newer = self
                .records
                .get(record)
                .is_none_or(|current| current.stamp <= stamp);
            if newer {
                self.records.insert(
                    *record,
                    IndexEntry {
                        stamp: stamp.clone(),
                        entry: new_entry,
                    },
                );
            }
        }
        let head = self.heads.entry(entry.device.clone()).or_insert(Head {
            seq: 0,
            hash: [0; 32],
        });
        if entry.seq >= head.seq {
            *head = Head {
                seq: entry.seq,
                hash,
            };
        }
    }

    /// The live (not deleted) version of a record.
    pub fn get(&self, id: &RecordId) -> Option<&RecordRef> {
        self.records.get(id).and_then(|e| e.entry.as_ref())
    }

    /// Live records in id order.
    pub fn live(&self) -> impl Iterator<Item = (&RecordId, &RecordRef)> {
        self.records
            .iter()
            .filter_map(|(id, e)| e.entry.as_ref().map(|r| (id, r)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::ids::ObjectId;

    fn put(device: &DeviceId, seq: u64, time_ms: u64, record: RecordId, tag: u8) -> JournalEntry {
        JournalEntry {
            format: 1,
            vault_id: uuid::Uuid::nil(),
            device: device.clone(),
            seq,
            time_ms,
            prev: None,
            ops: vec![Op::Put {
                record,
                entry: RecordRef {
                    kind: "case".into(),
                    object: ObjectId::from_digest([tag; 32]),
                    size: 1,
                    summary: None,
                    blobs: vec![],
                },
            }],
        }
    }

    #[test]
    fn last_writer_wins_whatever_the_order_of_arrival() {
        let (a, b) = (DeviceId::new_random(), DeviceId::new_random());
        let record = RecordId::new_random();
        let older = put(&a, 1, 100, record, 1);
        let newer = put(&b, 1, 200, record, 2);
        let delete = JournalEntry {
            ops: vec![Op::Delete { record }],
            ..put(&a, 2, 300, record, 0)
        };
        let orders = [
            [&older, &newer, &delete],
            [&delete, &newer, &older],
            [&newer, &delete, &older],
        ];
        for order in orders {
            let mut index = Index::default();
            for entry in order {
                index.apply(entry, [0; 32]);
            }
            assert!(index.get(&record).is_none(), "deletion is the last write");
            assert_eq!(index.heads[&a].seq, 2);
        }
        let mut index = Index::default();
        index.apply(&newer, [0; 32]);
        index.apply(&older, [0; 32]);
        assert_eq!(
            index.get(&record).map(|r| r.object.clone()),
            Some(ObjectId::from_digest([2; 32]))
        );
    }
}
