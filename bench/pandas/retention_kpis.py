"""The pandas equivalent of `rapport analyze kpis` (docs/definitions.md#retention-kpis), for timing and cross-checking.

Usage: python3 retention_kpis.py FILE FROM TO [WINDOW_DAYS [CATEGORY_COLUMN]]
Columns are those of the UCI Online Retail file (CustomerID, InvoiceDate, Quantity, UnitPrice).
Prints the same JSON fields as the CLI. pandas loads the whole file into memory, unlike the streaming CLI.
"""
import json
import sys

import pandas as pd


def main(path, start, end, window=365, category=None):
    columns = ["InvoiceDate", "Quantity", "UnitPrice", "CustomerID"] + ([category] if category else [])
    df = pd.read_csv(path, usecols=columns, dtype={"CustomerID": str, "InvoiceDate": str, **({category: str} if category else {})})
    df["CustomerID"] = df["CustomerID"].str.strip()
    df = df[df["CustomerID"].notna() & (df["CustomerID"] != "")]
    df["day"] = pd.to_datetime(df["InvoiceDate"].str[:10], format="%Y-%m-%d")
    df["amount"] = df["Quantity"] * df["UnitPrice"]

    frm, to = pd.Timestamp(start), pd.Timestamp(end)
    length = pd.Timedelta(days=(to - frm).days)
    last = to - pd.Timedelta(days=1)
    w = pd.Timedelta(days=window)

    tx = df[df["amount"] >= 0]  # transactions: non-negative lines (a day's lines merge)

    def active_on(t):
        return set(tx.loc[(tx["day"] > t - w) & (tx["day"] <= t), "CustomerID"].unique())

    s, e = active_on(frm), active_on(last)
    retained = s & e
    first = tx.groupby("CustomerID")["day"].min()
    new = int(((first >= frm) & (first < to)).sum())

    in_period = tx[(tx["day"] >= frm) & (tx["day"] < to)]
    days = in_period.groupby("CustomerID")["day"].nunique()
    period_lines = df[(df["day"] >= frm) & (df["day"] < to)]
    rev = period_lines.groupby("CustomerID")["amount"].sum()
    prev = df[(df["day"] >= frm - length) & (df["day"] < frm)].groupby("CustomerID")["amount"].sum()

    def upsold(c):
        r, p = rev.get(c, 0.0), max(prev.get(c, 0.0), 0.0)
        return r > 0 and r >= 1.1 * p

    cross_sell = None
    if category:
        cats = tx[tx[category].notna() & (tx[category].str.strip() != "")]
        before = set(zip(cats.loc[cats["day"] < frm, "CustomerID"], cats.loc[cats["day"] < frm, category]))
        bought = cats[(cats["day"] >= frm) & (cats["day"] < to)]
        new_cat = {c for c, k in zip(bought["CustomerID"], bought[category]) if (c, k) not in before}
        cross_sell = len(new_cat) / len(days) if len(days) else None

    rev_s = sum(rev.get(c, 0.0) for c in s)
    prev_s = sum(prev.get(c, 0.0) for c in s)
    retention = len(retained) / len(s) if s else None
    print(json.dumps({
        "customersAtStart": len(s),
        "newCustomers": new,
        "customersAtEnd": len(e),
        "retainedCustomers": len(retained),
        "retentionRate": retention,
        "churnRate": None if retention is None else 1 - retention,
        "repeatPurchaseRate": float((days >= 2).sum() / len(days)) if len(days) else None,
        "crossSellRate": cross_sell,
        "upSellRate": sum(upsold(c) for c in retained) / len(retained) if retained else None,
        "revenue": round(float(period_lines["amount"].sum()), 2),
        "revenueRetention": rev_s / prev_s if prev_s > 0 else None,
    }, indent=2))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]) if len(sys.argv) > 4 else 365,
         sys.argv[5] if len(sys.argv) > 5 else None)
