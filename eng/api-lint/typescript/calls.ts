// What a partner writes with openapi-fetch over the types openapi-typescript generates from the served
// document (out/schema.d.ts); tsc must accept it against every regenerated document.
import createClient from "openapi-fetch";
import type { components, paths } from "../out/schema";

type ProductCreate = components["schemas"]["ProductCreate"];
type ProductBulkUpdateItem = components["schemas"]["ProductBulkUpdateItem"];
type CsvUpload = paths["/apis/products/bulk"]["post"]["requestBody"]["content"]["multipart/form-data"];

const client = createClient<paths>({ baseUrl: "http://localhost:8080", headers: { "x-api-key": "rai_example" } });

export async function typedCalls(): Promise<number> {
  // A bulk create, as the product page's example.
  const products: ProductCreate[] = [
    { name: "Premium Voucher", price: 100, categoryName: "Premium Rewards", vouchers: ["VOUCHER-001"], voucherExpireDate: "2026-12-31T00:00:00.000Z" },
  ];
  const created = await client.POST("/apis/products/bulk", { params: { query: { dryRun: false } }, body: products });
  const productId: string | null | undefined = created.data?.data?.[0]?._id;

  // A bulk update by id.
  const updates: ProductBulkUpdateItem[] = [{ productID: productId ?? null, price: 120, isArchived: false }];
  await client.PUT("/apis/products/bulk", { body: updates });

  // A CSV upload: the multipart form of the same operation.
  const csv: CsvUpload = { file: "Name,Price,Category Name\nMug,10,Premium Rewards\n" };
  const uploaded = await client.POST("/apis/products/bulk", {
    body: csv,
    bodySerializer() {
      const form = new FormData();
      form.append("file", new Blob([csv.file], { type: "text/csv" }), "products.csv");
      return form;
    },
  });

  // A list with paging, sort, projection and a filter.
  const page = await client.GET("/apis/products", {
    params: { query: { skip: 20, limit: 20, sort: "price:asc", fields: "name,price", filter: ["isArchived:false"] } },
  });
  return (page.data?.meta.total ?? 0) + (uploaded.data?.meta.created ?? 0);
}
