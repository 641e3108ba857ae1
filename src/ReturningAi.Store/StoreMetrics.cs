using System.Diagnostics.Metrics;

namespace ReturningAi.Store;

/// <summary>The store's own instruments (meter <c>ReturningAi.Store</c>): what bulk imports bring in.</summary>
public sealed class StoreMetrics
{
    public const string MeterName = "ReturningAi.Store";

    private readonly Histogram<int> _bulkProducts;
    private readonly Histogram<long> _bulkVouchers;
    private readonly Counter<long> _productsCreated;
    private readonly Counter<long> _vouchersCreated;

    public StoreMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _bulkProducts = meter.CreateHistogram<int>("returningai.store.bulk.products", "{product}", "Products per committed bulk create.");
        _bulkVouchers = meter.CreateHistogram<long>("returningai.store.bulk.vouchers", "{voucher}", "Voucher codes per committed bulk create.");
        _productsCreated = meter.CreateCounter<long>("returningai.store.products.created", "{product}", "Products committed.");
        _vouchersCreated = meter.CreateCounter<long>("returningai.store.vouchers.created", "{voucher}", "Voucher codes committed.");
    }

    public void ProductsCreated(int products, long vouchers, bool isBulk)
    {
        if (isBulk)
        {
            _bulkProducts.Record(products);
            _bulkVouchers.Record(vouchers);
        }

        _productsCreated.Add(products);
        _vouchersCreated.Add(vouchers);
    }
}
